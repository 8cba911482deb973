package com.entralake.graph;

import com.entralake.catalog.DataKind;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphQueryTest {

    static final URI GRAPH = URI.create("https://graph.microsoft.com");

    @Test
    void signInsPageFiltersWithGeAndLeOnly() {
        URI url = GraphQuery.eventsPage(GRAPH, DataTypeCatalog.SIGN_INS,
                Instant.parse("2026-11-27T02:00:00Z"), Instant.parse("2026-11-27T03:00:00Z"));

        assertThat(url.toString()).isEqualTo("https://graph.microsoft.com/v1.0/auditLogs/signIns"
                + "?$filter=createdDateTime%20ge%202026-11-27T02%3A00%3A00Z%20and%20createdDateTime%20le%202026-11-27T03%3A00%3A00Z"
                + "&$top=1000");
        assertThat(url.getQuery()).isEqualTo(
                "$filter=createdDateTime ge 2026-11-27T02:00:00Z and createdDateTime le 2026-11-27T03:00:00Z&$top=1000");
        assertThat(url.toString()).doesNotContain("orderby", " gt ", " lt ", "+");
    }

    @Test
    void directoryAuditsUseTheirTimePropertyAndBaseSlashIsIgnored() {
        URI url = GraphQuery.eventsPage(URI.create("https://localhost:8443/"), DataTypeCatalog.DIRECTORY_AUDITS,
                Instant.parse("2026-11-27T02:00:00.5Z"), Instant.parse("2026-11-27T02:59:59.1234567Z"));

        assertThat(url.getRawPath()).isEqualTo("/v1.0/auditLogs/directoryAudits");
        assertThat(url.getQuery()).isEqualTo("$filter=activityDateTime ge 2026-11-27T02:00:00.5Z"
                + " and activityDateTime le 2026-11-27T02:59:59.1234567Z&$top=1000");
    }

    @Test
    void timestampsKeepUpToSevenFractionalDigits() {
        assertThat(GraphQuery.format(Instant.parse("2026-11-27T03:00:00Z"))).isEqualTo("2026-11-27T03:00:00Z");
        assertThat(GraphQuery.format(Instant.parse("2026-11-27T03:00:00.120Z"))).isEqualTo("2026-11-27T03:00:00.12Z");
        assertThat(GraphQuery.format(Instant.parse("2026-11-27T03:00:00.1234567Z"))).isEqualTo("2026-11-27T03:00:00.1234567Z");
    }

    @Test
    void snapshotPageSelectsTheCataloguedProperties() {
        DataType small = new DataType("things", "/v1.0/things", DataKind.SNAPSHOT, null, "thing", 999,
                List.of("id", "displayName", "onPremisesExtensionAttributes"), List.of("Directory.Read.All"), null);

        assertThat(GraphQuery.snapshotPage(GRAPH, small).toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/things?$top=999&$select=id,displayName,onPremisesExtensionAttributes");
        assertThat(GraphQuery.snapshotPage(GRAPH, DataTypeCatalog.GROUPS).toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/groups?$top=999");
        assertThat(GraphQuery.snapshotPage(GRAPH, DataTypeCatalog.USERS).getQuery()).startsWith("$top=999&$select=id,accountEnabled,");
    }

    @Test
    void rejectsTheWrongKindAndReversedRanges() {
        assertThatThrownBy(() -> GraphQuery.snapshotPage(GRAPH, DataTypeCatalog.SIGN_INS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GraphQuery.eventsPage(GRAPH, DataTypeCatalog.SIGN_INS,
                Instant.parse("2026-11-27T03:00:00Z"), Instant.parse("2026-11-27T02:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
