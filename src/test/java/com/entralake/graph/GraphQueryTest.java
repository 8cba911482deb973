package com.entralake.graph;

import com.entralake.catalog.ApiVersion;
import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.FilterOperator;
import com.entralake.catalog.GraphRetention;
import com.entralake.catalog.ThrottleClass;
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
        DataType small = DataType.builder("things").get(ApiVersion.V1_0, "/things").resource("thing")
                .mode(new CollectionMode.Listing()).pageSize(999)
                .select(List.of("id", "displayName", "onPremisesExtensionAttributes"))
                .needs("Directory.Read.All").throttle(ThrottleClass.DIRECTORY).build();

        assertThat(GraphQuery.snapshotPage(GRAPH, small).toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/things?$top=999&$select=id,displayName,onPremisesExtensionAttributes");
        assertThat(GraphQuery.snapshotPage(GRAPH, DataTypeCatalog.GROUPS).toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/groups?$top=999");
        assertThat(GraphQuery.snapshotPage(GRAPH, DataTypeCatalog.USERS).getQuery()).startsWith("$top=999&$select=id,accountEnabled,");
    }

    @Test
    void aTypesFixedFilterJoinsTheTimeRange() {
        DataType nonInteractive = DataType.builder("non_interactive").get(ApiVersion.BETA, "/auditLogs/signIns")
                .resource("signIn").mode(CollectionMode.TimeWindows.newestFirst("createdDateTime",
                        FilterOperator.GE, FilterOperator.LE))
                .pageSize(1000).filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')")
                .needs("AuditLog.Read.All").retention(GraphRetention.days(30, 7)).throttle(ThrottleClass.REPORTS)
                .build();

        URI page = GraphQuery.eventsPage(GRAPH, nonInteractive, Instant.parse("2026-11-27T03:00:00Z"),
                Instant.parse("2026-11-27T03:59:59.9999999Z"));

        assertThat(page.getPath()).isEqualTo("/beta/auditLogs/signIns");
        assertThat(page.getQuery()).isEqualTo("$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser') and "
                + "createdDateTime ge 2026-11-27T03:00:00Z and createdDateTime le 2026-11-27T03:59:59.9999999Z&$top=1000");
        assertThat(GraphQuery.probe(GRAPH, nonInteractive).getQuery())
                .isEqualTo("$top=1&$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser')");
    }

    @Test
    void withoutGeAndLeTheRangeIsAskedOneGraphTickOutsideBothEnds() {
        // provisioning logs document eq, gt and lt on activityDateTime, not ge and le
        DataType provisioning = DataType.builder("provisioning").get(ApiVersion.V1_0, "/auditLogs/provisioning")
                .resource("provisioningObjectSummary").mode(CollectionMode.TimeWindows.newestFirst("activityDateTime",
                        FilterOperator.EQ, FilterOperator.GT, FilterOperator.LT))
                .pageSize(1000).needs("AuditLog.Read.All").retention(GraphRetention.days(30, 30))
                .throttle(ThrottleClass.REPORTS).build();

        URI page = GraphQuery.eventsPage(GRAPH, provisioning, Instant.parse("2026-11-27T03:00:00Z"),
                Instant.parse("2026-11-27T03:59:59.9999999Z"));

        assertThat(page.getQuery()).isEqualTo("$filter=activityDateTime gt 2026-11-27T02:59:59.9999999Z and "
                + "activityDateTime lt 2026-11-27T04:00:00Z&$top=1000");
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
