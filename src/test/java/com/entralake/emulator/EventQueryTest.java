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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventQueryTest {
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    GraphEmulator emu;
    HttpClient http;
    String token;
    EmulatedTenant tenant;

    @BeforeEach
    void start() {
        emu = startWithTestTenant();
        emu.clock().set(NOW);
        http = client(emu);
        token = token(emu);
        tenant = emu.tenant(TENANT);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    /** Follows nextLinks; returns all records, checks each page has at most top records. */
    List<JsonNode> readAll(String firstUrl, int top) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String url = firstUrl;
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = get(http, emu, token, url);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode b = json(r);
            assertThat(b.get("value").size()).isLessThanOrEqualTo(top);
            b.get("value").forEach(all::add);
            url = b.has("@odata.nextLink") ? b.get("@odata.nextLink").asText() : null;
            if (url != null) {
                assertThat(url).startsWith(emu.graphBaseUrl() + "/v1.0/auditLogs/signIns?").contains("$skiptoken=").contains("$top=" + top);
                assertThat(b.get("value").size()).isEqualTo(top);
            }
            assertThat(++pages).isLessThan(10_000);
        }
        return all;
    }

    /** The benchmark gives DuckDB exactly the pages the collector was served: each complete page, once, as sent. */
    @Test
    void recordedPagesAreThePagesServed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        tenant.addSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(7, 600, Templates.load(SAMPLE_DATA)::signIn));
        emu.recordEventPages(dir);
        String filter = "createdDateTime ge " + NOW.minus(Duration.ofHours(2)) + " and createdDateTime le " + NOW.minus(Duration.ofHours(1));
        List<JsonNode> served = readAll("/v1.0/auditLogs/signIns?$filter=" + q(filter) + "&$top=100", 100);

        List<String> recorded = new ArrayList<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path page : files.sorted().toList()) {
                JSON.readTree(page.toFile()).get("value").forEach(r -> recorded.add(r.get("id").asText()));
            }
        }
        assertThat(served).hasSizeGreaterThan(500);
        assertThat(recorded).containsExactlyElementsOf(served.stream().map(r -> r.get("id").asText()).toList());
    }

    @Test
    void generatedSignInsPageNewestFirstAndMatchGroundTruth() throws Exception {
        tenant.addSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(7, 600, Templates.load(SAMPLE_DATA)::signIn));
        Instant from = NOW.minus(Duration.ofHours(3));
        Instant to = NOW.minus(Duration.ofHours(1));
        String filter = "createdDateTime ge " + from + " and createdDateTime le " + to;
        List<JsonNode> all = readAll("/v1.0/auditLogs/signIns?$filter=" + q(filter) + "&$top=100", 100);
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(n -> ids.add(n.get("id").asText()));
        assertThat(ids).hasSize(all.size()); // this source has no re-published records
        assertThat(ids).isEqualTo(tenant.visibleIds(DataTypeCatalog.SIGN_INS.dataset(), from, to.plusNanos(100)));
        assertThat(all.size()).isBetween(1100, 1300); // 600/h over 2 h
        List<Instant> times = all.stream().map(n -> Instant.parse(n.get("createdDateTime").asText())).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }
        assertThat(all).anyMatch(n -> n.get("createdDateTime").asText().matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"));
        assertThat(all).anyMatch(n -> n.get("createdDateTime").asText().matches(".*T\\d\\d:\\d\\d:\\d\\dZ"));
        // deterministic: same ids again
        assertThat(readAll("/v1.0/auditLogs/signIns?$filter=" + q(filter) + "&$top=100", 100)).hasSize(all.size());
    }

    @Test
    void defaultPageIs1000AndOrderbyAscWorks() throws Exception {
        tenant.addSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(7, 3600, Templates.load(SAMPLE_DATA)::signIn));
        HttpResponse<String> r = get(http, emu, token, "/v1.0/auditLogs/signIns");
        JsonNode b = json(r);
        assertThat(b.get("value").size()).isEqualTo(1000);
        assertThat(b.get("@odata.context").asText()).isEqualTo("https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns");
        Instant from = NOW.minus(Duration.ofMinutes(30));
        List<JsonNode> asc = new ArrayList<>();
        String url = "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime ge " + from) + "&$orderby=" + q("createdDateTime asc") + "&$top=50";
        while (url != null) {
            JsonNode p = json(get(http, emu, token, url));
            p.get("value").forEach(asc::add);
            url = p.has("@odata.nextLink") ? p.get("@odata.nextLink").asText() : null;
        }
        for (int i = 1; i < asc.size(); i++) {
            assertThat(Instant.parse(asc.get(i).get("createdDateTime").asText()))
                    .isAfterOrEqualTo(Instant.parse(asc.get(i - 1).get("createdDateTime").asText()));
        }
        assertThat(asc.stream().map(n -> n.get("id").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(tenant.visibleIds(DataTypeCatalog.SIGN_INS.dataset(), from, NOW.plusSeconds(1)));
    }

    @Test
    void geLeEqAreInclusiveAndSevenDigitFractionsAreExact() throws Exception {
        ListEventSource l = tenant.events(DataTypeCatalog.SIGN_INS.dataset());
        l.add(signIn("a", "2026-03-15T10:00:00Z"));
        l.add(signIn("b", "2026-03-15T10:00:00.0000001Z"));
        l.add(signIn("c", "2026-03-15T10:00:01.6195833Z"));
        l.add(signIn("d", "2026-03-15T10:00:02Z"));
        assertThat(ids("createdDateTime ge 2026-03-15T10:00:00Z and createdDateTime le 2026-03-15T10:00:02Z")).containsExactly("d", "c", "b", "a");
        assertThat(ids("createdDateTime ge 2026-03-15T10:00:00.0000001Z")).containsExactly("d", "c", "b");
        assertThat(ids("createdDateTime le 2026-03-15T10:00:01.6195833Z")).containsExactly("c", "b", "a");
        assertThat(ids("createdDateTime le 2026-03-15T10:00:01.6195832Z")).containsExactly("b", "a");
        assertThat(ids("createdDateTime eq 2026-03-15T10:00:01.6195833Z")).containsExactly("c");
        assertThat(ids("createdDateTime eq 2026-03-15T10:00:00Z")).containsExactly("a");
        assertThat(ids("createdDateTime ge 2026-03-15T10:00:01.6Z and createdDateTime le 2026-03-15T10:00:01.7Z")).containsExactly("c");
        // the wire keeps the record's own format
        JsonNode v = json(get(http, emu, token, "/v1.0/auditLogs/signIns")).get("value");
        assertThat(v.get(1).get("createdDateTime").asText()).isEqualTo("2026-03-15T10:00:01.6195833Z");
        assertThat(v.get(0).get("createdDateTime").asText()).isEqualTo("2026-03-15T10:00:02Z");
    }

    List<String> ids(String filter) throws Exception {
        HttpResponse<String> r = get(http, emu, token, "/v1.0/auditLogs/signIns?$filter=" + q(filter));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).get("value").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void lateRecordsAppearWhenTheClockPassesVisibleAtAndDoNotShiftPages() throws Exception {
        ListEventSource l = tenant.events(DataTypeCatalog.SIGN_INS.dataset());
        for (int i = 0; i < 10; i++) {
            l.add(signIn("r" + i, "2026-03-15T11:0" + i + ":00Z"));
        }
        l.add(signIn("late", "2026-03-15T11:05:30Z"), NOW.plus(Duration.ofMinutes(5)));
        assertThat(tenant.visibleIds(DataTypeCatalog.SIGN_INS.dataset(), NOW.minusSeconds(3600), NOW)).doesNotContain("late").hasSize(10);
        JsonNode p1 = json(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=3"));
        assertThat(p1.get("value").findValuesAsText("id")).containsExactly("r9", "r8", "r7");
        emu.clock().advance(Duration.ofMinutes(6)); // "late" becomes visible while we page
        JsonNode p2 = json(get(http, emu, token, p1.get("@odata.nextLink").asText()));
        assertThat(p2.get("value").findValuesAsText("id")).containsExactly("r6", "late", "r5");
        assertThat(tenant.visibleIds(DataTypeCatalog.SIGN_INS.dataset(), NOW.minusSeconds(3600), NOW)).contains("late");
    }

    @Test
    void keysetPagingIsNotShiftedByNewerRecords() throws Exception {
        ListEventSource l = tenant.events(DataTypeCatalog.SIGN_INS.dataset());
        for (int i = 0; i < 6; i++) {
            l.add(signIn("r" + i, "2026-03-15T11:0" + i + ":00Z"));
        }
        JsonNode p1 = json(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=3"));
        l.add(signIn("new", "2026-03-15T11:59:00Z"));
        JsonNode p2 = json(get(http, emu, token, p1.get("@odata.nextLink").asText()));
        assertThat(p2.get("value").findValuesAsText("id")).containsExactly("r2", "r1", "r0");
        assertThat(p2.has("@odata.nextLink")).isFalse();
    }

    @Test
    void republishedRecordsAreServedTwiceEarlierVersionFirst() throws Exception {
        ListEventSource l = tenant.events(DataTypeCatalog.SIGN_INS.dataset());
        l.add(signIn("x", "2026-03-15T11:00:00.1234567Z"));
        var v2 = signIn("x", "2026-03-15T11:00:00.1234567Z");
        v2.with("status").put("errorCode", 50074);
        l.republish(v2, NOW.plus(Duration.ofMinutes(30)));
        assertThat(json(get(http, emu, token, "/v1.0/auditLogs/signIns")).get("value")).hasSize(1);
        emu.clock().advance(Duration.ofHours(1));
        JsonNode v = json(get(http, emu, token, "/v1.0/auditLogs/signIns")).get("value");
        assertThat(v).hasSize(2);
        assertThat(v.get(0).get("status").get("errorCode").asInt()).isZero();
        assertThat(v.get(1).get("status").get("errorCode").asInt()).isEqualTo(50074);
    }

    @Test
    void retentionFollowsTheEmulatorClockAndTheLicence() throws Exception {
        ListEventSource l = tenant.events(DataTypeCatalog.DIRECTORY_AUDITS.dataset());
        l.add(audit("old", "2026-02-20T12:00:00Z"));   // 23 days before NOW
        l.add(audit("recent", "2026-03-14T12:00:00Z"));
        assertThat(json(get(http, emu, token, "/v1.0/auditLogs/directoryAudits")).get("value").findValuesAsText("id")).containsExactly("recent", "old");
        emu.faults().setLicense(TENANT, License.FREE); // 7 days
        assertThat(json(get(http, emu, token, "/v1.0/auditLogs/directoryAudits")).get("value").findValuesAsText("id")).containsExactly("recent");
        emu.faults().setLicense(TENANT, License.PREMIUM);
        emu.clock().advance(Duration.ofDays(8)); // "old" now 31 days old
        assertThat(json(get(http, emu, token, "/v1.0/auditLogs/directoryAudits")).get("value").findValuesAsText("id")).containsExactly("recent");
        assertThat(tenant.visibleIds(DataTypeCatalog.DIRECTORY_AUDITS.dataset(), Instant.EPOCH, emu.clock().now())).containsExactly("recent");
    }

    @Test
    void generatedRepublishedVersionsAreServedAfterTheFirstAndOnlyOnceVisible() throws Exception {
        Templates tpl = Templates.load(SAMPLE_DATA);
        tenant.addSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(11, 600, tpl::signIn).withRepublished(100, Templates::settleSignIn));
        Instant from = NOW.minus(Duration.ofHours(5));
        Instant to = NOW.minus(Duration.ofHours(3));
        String url = "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime ge " + from + " and createdDateTime le " + to) + "&$top=37";
        List<JsonNode> all = new ArrayList<>();
        while (url != null) {
            JsonNode p = json(get(http, emu, token, url));
            p.get("value").forEach(all::add);
            url = p.has("@odata.nextLink") ? p.get("@odata.nextLink").asText() : null;
        }
        List<String> idsInOrder = all.stream().map(n -> n.get("id").asText()).toList();
        Set<String> unique = new LinkedHashSet<>(idsInOrder);
        assertThat(unique).isEqualTo(tenant.visibleIds(DataTypeCatalog.SIGN_INS.dataset(), from, to.plusNanos(100)));
        int duplicates = idsInOrder.size() - unique.size();
        assertThat(duplicates).isBetween(60, 180); // 10 % of ~1200, all visible 3 h later
        for (int i = 1; i < all.size(); i++) {
            if (idsInOrder.get(i).equals(idsInOrder.get(i - 1))) {
                assertThat(all.get(i)).isNotEqualTo(all.get(i - 1)); // changed details
            }
        }
        // a re-published version is not visible before its own visibleAt: right after the records appear, no duplicates
        emu.clock().set(to.plus(Duration.ofMinutes(16)));
        List<String> early = new ArrayList<>();
        String u2 = "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime ge " + to.minus(Duration.ofMinutes(1)) + " and createdDateTime le " + to);
        json(get(http, emu, token, u2)).get("value").forEach(n -> early.add(n.get("id").asText()));
        assertThat(early).doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    void aMillionGeneratedSignInsArePagedLazily() throws Exception {
        // 1,000,000 records over 30 days
        tenant.addSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(3, 1_000_000 / 720.0, Templates.load(SAMPLE_DATA)::signIn));
        Instant from = NOW.minus(Duration.ofDays(29));
        String url = "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime ge " + from + " and createdDateTime le " + from.plusSeconds(7200));
        long t0 = System.nanoTime();
        JsonNode p = json(get(http, emu, token, url));
        assertThat(p.get("value")).hasSize(1000);
        JsonNode p2 = json(get(http, emu, token, p.get("@odata.nextLink").asText()));
        assertThat(p2.get("value")).hasSize(1000);
        assertThat(p2.has("@odata.nextLink")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        // the newest record of the whole month is reachable too
        JsonNode newest = json(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=1"));
        assertThat(Instant.parse(newest.get("value").get(0).get("createdDateTime").asText())).isAfter(NOW.minus(Duration.ofMinutes(20)));
    }
}
