package com.entralake.emulator;

import com.entralake.catalog.DataTypeCatalog;
import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The misbehaving-Graph switches do what they say, and nothing else: paging still covers every record once. */
class PageFaultsTest {
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    GraphEmulator emu;
    HttpClient http;
    String token;

    @BeforeEach
    void start() {
        emu = startWithTestTenant();
        emu.clock().set(NOW);
        http = client(emu);
        token = token(emu);
        ListEventSource l = emu.tenant(TENANT).events(DataTypeCatalog.SIGN_INS.dataset());
        for (int i = 0; i < 9; i++) {
            l.add(signIn("r" + i, "2026-03-15T11:0" + i + ":00Z"));
        }
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    /** Every page of the query, as the ids (or "?" for a record without one) and times served. */
    List<List<String>> pages(String query) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String url = "/v1.0/auditLogs/signIns" + query;
        while (url != null) {
            HttpResponse<String> r = get(http, emu, token, url);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = json(r);
            List<String> page = new ArrayList<>();
            body.get("value").forEach(v -> page.add(v.isObject() ? v.path("id").asText("?") : "string"));
            pages.add(page);
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        return pages;
    }

    @Test
    void inOrderWithoutFaults() throws Exception {
        assertThat(pages("?$top=4")).containsExactly(List.of("r8", "r7", "r6", "r5"), List.of("r4", "r3", "r2", "r1"),
                List.of("r0"));
    }

    @Test
    void withinPageMisorderServesEachPagesNewestRecordLast() throws Exception {
        emu.pageFaults().misorder(TENANT, PageFaults.Misorder.WITHIN_PAGE);
        assertThat(pages("?$top=4")).containsExactly(List.of("r7", "r6", "r5", "r8"), List.of("r3", "r2", "r1", "r4"),
                List.of("r0"));
    }

    @Test
    void acrossPagesMisorderHoldsTheNewestRecordBackToTheNextPage() throws Exception {
        emu.pageFaults().misorder(TENANT, PageFaults.Misorder.ACROSS_PAGES);
        assertThat(pages("?$top=4")).containsExactly(List.of("r7", "r6", "r5"), List.of("r8", "r3", "r2", "r1"),
                List.of("r4", "r0"));
    }

    @Test
    void duplicatesWithinAndAcrossPages() throws Exception {
        emu.pageFaults().duplicate(TENANT, PageFaults.Duplication.WITHIN_PAGE);
        assertThat(pages("?$top=4")).containsExactly(List.of("r8", "r8", "r7", "r6", "r5"),
                List.of("r4", "r4", "r3", "r2", "r1"), List.of("r0", "r0"));
        emu.pageFaults().duplicate(TENANT, PageFaults.Duplication.ACROSS_PAGES);
        assertThat(pages("?$top=4")).containsExactly(List.of("r8", "r7", "r6", "r5"), List.of("r5", "r4", "r3", "r2", "r1"),
                List.of("r1", "r0"));
    }

    @Test
    void corruptedRecordsLoseTheirTimeOrIdOrStopBeingObjectsEveryTimeTheyAreServed() throws Exception {
        emu.pageFaults().corrupt(TENANT, "r1", PageFaults.Corruption.NO_TIME);
        emu.pageFaults().corrupt(TENANT, "r2", PageFaults.Corruption.BAD_TIME);
        emu.pageFaults().corrupt(TENANT, "r3", PageFaults.Corruption.NO_ID);
        emu.pageFaults().corrupt(TENANT, "r4", PageFaults.Corruption.NOT_AN_OBJECT);
        for (int read = 0; read < 2; read++) {
            JsonNode value = json(get(http, emu, token, "/v1.0/auditLogs/signIns?$filter="
                    + q("createdDateTime ge 2026-03-15T11:01:00Z and createdDateTime le 2026-03-15T11:04:00Z"))).get("value");
            assertThat(value).hasSize(4);
            assertThat(value.get(0).isTextual()).as("r4 is a string").isTrue();
            assertThat(value.get(1).has("id")).isFalse();
            assertThat(value.get(1).path("createdDateTime").asText()).isEqualTo("2026-03-15T11:03:00Z");
            assertThat(value.get(2).path("createdDateTime").asText()).isEqualTo("yesterday, around noon");
            assertThat(value.get(3).path("id").asText()).isEqualTo("r1");
            assertThat(value.get(3).has("createdDateTime")).isFalse();
        }
        assertThat(emu.tenant(TENANT).events(DataTypeCatalog.SIGN_INS.dataset()).size()).as("the stored records are untouched").isEqualTo(9);
    }

    @Test
    void aThrottleStormAnswers429WithOrWithoutRetryAfterThenRecovers() throws Exception {
        emu.pageFaults().throttleStorm(TENANT, 2, Duration.ofMillis(1500));
        HttpResponse<String> first = get(http, emu, token, "/v1.0/auditLogs/signIns");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1.5");
        assertThat(json(first).path("error").path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(get(http, emu, token, "/v1.0/users").statusCode()).as("every Graph request of the tenant").isEqualTo(429);
        assertThat(get(http, emu, token, "/v1.0/auditLogs/signIns").statusCode()).isEqualTo(200);

        emu.pageFaults().throttleStorm(TENANT, 1, null);
        HttpResponse<String> bare = get(http, emu, token, "/v1.0/auditLogs/signIns");
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
        assertThat(get(http, emu, token, "/v1.0/auditLogs/signIns").statusCode()).isEqualTo(200);
    }
}
