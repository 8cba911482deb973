package com.entralake.emulator;

import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compares the demo emulator's responses with Microsoft's published examples and the v1.0 schema. */
class ConformanceTest {
    static GraphEmulator emu;
    static HttpClient http;
    static String token;
    static JsonNode schema;

    @BeforeAll
    static void start() throws Exception {
        emu = GraphEmulator.start(EmulatorOptions.demo(SAMPLE_DATA));
        http = client(emu);
        EmulatedTenant demo = emu.demoTenant();
        token = emu.issueAccessToken(demo.id(), "3c9e1b7d-2a4f-4e8b-b6d1-7f0a5c2e9d40", ALL_ROLES, java.time.Instant.now(), Duration.ofHours(1));
        schema = JSON.readTree(EXAMPLES.resolve("v1.0-schema-selected.json").toFile()).get("entities");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static JsonNode example(String file) throws Exception {
        return JSON.readTree(EXAMPLES.resolve(file).toFile());
    }

    static Set<String> keys(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    static JsonNode page(String path) throws Exception {
        HttpResponse<String> r = get(http, emu, token, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(
                "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");
        assertThat(r.headers().firstValue("request-id")).isPresent();
        assertThat(r.headers().firstValue("client-request-id")).isPresent();
        return json(r);
    }

    void checkRecords(JsonNode page, String entity, JsonNode exampleRecord) {
        Set<String> props = keys(schema.get(entity));
        assertThat(page.get("value").size()).isPositive();
        for (JsonNode rec : page.get("value")) {
            assertThat(props).as(entity + " properties").containsAll(keys(rec));
            assertThat(keys(rec)).as("every property of Microsoft's example " + entity).containsAll(keys(exampleRecord));
        }
    }

    @Test
    void signIns() throws Exception {
        JsonNode ex = example("v1.0-signin-list.example1.json");
        JsonNode p = page("/v1.0/auditLogs/signIns?$top=5");
        assertThat(keys(p)).isEqualTo(keys(ex));
        assertThat(p.get("@odata.context").asText()).isEqualTo(ex.get("@odata.context").asText());
        JsonNode exRec = ex.get("value").get(0);
        checkRecords(p, "signIn", exRec);
        for (JsonNode rec : p.get("value")) {
            for (String nested : new String[]{"status", "deviceDetail", "location"}) {
                assertThat(keys(rec.get(nested))).as(nested).isEqualTo(keys(exRec.get(nested)));
            }
            assertThat(keys(rec.get("location").get("geoCoordinates"))).isEqualTo(keys(exRec.get("location").get("geoCoordinates")));
            assertThat(keys(rec.get("appliedConditionalAccessPolicies").get(0))).isEqualTo(keys(exRec.get("appliedConditionalAccessPolicies").get(0)));
            assertThat(rec.get("status").get("errorCode").isInt()).isTrue();
            assertThat(rec.get("createdDateTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{7})?Z");
        }
        // nextLink on the emulator host, same query plus $skiptoken
        assertThat(p.get("@odata.nextLink").asText()).startsWith(emu.graphBaseUrl() + "/v1.0/auditLogs/signIns?$top=5&$skiptoken=");
    }

    @Test
    void directoryAudits() throws Exception {
        JsonNode ex = example("v1.0-directoryaudit-list.example1.json");
        JsonNode p = page("/v1.0/auditLogs/directoryAudits?$top=1000");
        assertThat(keys(p)).containsAll(keys(ex));
        assertThat(p.get("@odata.context").asText()).isEqualToIgnoringCase(ex.get("@odata.context").asText());
        JsonNode exRec = ex.get("value").get(0);
        checkRecords(p, "directoryAudit", exRec);
        for (JsonNode rec : p.get("value")) {
            assertThat(keys(rec.get("initiatedBy"))).isEqualTo(keys(exRec.get("initiatedBy")));
            JsonNode tr = rec.get("targetResources").get(0);
            Set<String> exTr = new HashSet<>();
            exRec.get("targetResources").forEach(t -> t.fieldNames().forEachRemaining(f -> exTr.add(f.equals("Type") ? "type" : f)));
            assertThat(exTr).containsAll(keys(tr)); // the example's "Type" is documented as "type" in the schema
            assertThat(keys(rec.get("additionalDetails").get(0))).isEqualTo(keys(exRec.get("additionalDetails").get(0)));
        }
    }

    @Test
    void users() throws Exception {
        JsonNode ex = example("v1.0-user-list.example1.json");
        JsonNode p = page("/v1.0/users");
        assertThat(keys(p)).isEqualTo(keys(ex));
        assertThat(p.get("@odata.context").asText()).isEqualTo(ex.get("@odata.context").asText());
        for (JsonNode rec : p.get("value")) {
            assertThat(keys(rec)).isEqualTo(keys(ex.get("value").get(0))); // the documented default property set
        }
        assertThat(p.get("value").size()).isEqualTo(emu.demoTenant().allIds("users").size());
        JsonNode sel = page("/v1.0/users?$select=id,displayName,accountEnabled&$top=10");
        assertThat(sel.get("@odata.context").asText()).isEqualTo("https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,accountEnabled)");
        assertThat(keys(sel.get("value").get(0))).containsExactlyInAnyOrder("id", "displayName", "accountEnabled");
        // paging through users with $top equals the ground truth
        Set<String> ids = new HashSet<>();
        String url = "/v1.0/users?$select=id&$top=7";
        int pages = 0;
        while (url != null) {
            JsonNode pg = page(url);
            pg.get("value").forEach(u -> ids.add(u.get("id").asText()));
            url = pg.has("@odata.nextLink") ? pg.get("@odata.nextLink").asText() : null;
            pages++;
        }
        assertThat(ids).isEqualTo(emu.demoTenant().allIds("users"));
        assertThat(pages).isEqualTo((ids.size() + 6) / 7);
    }

    @Test
    void groups() throws Exception {
        JsonNode ex = example("v1.0-group-list.example1.json");
        JsonNode p = page("/v1.0/groups");
        assertThat(keys(p)).isEqualTo(keys(ex));
        assertThat(p.get("@odata.context").asText()).isEqualTo(ex.get("@odata.context").asText());
        checkRecords(p, "group", ex.get("value").get(0));
        assertThat(p.get("value").size()).isEqualTo(emu.demoTenant().allIds("groups").size());
    }

    @Test
    void errorStructureMatchesTheThrottlingSample() throws Exception {
        JsonNode ex = example("graph-429-throttling.sample.json");
        JsonNode e = json(get(http, emu, token, "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime gt 2026-01-01T00:00:00Z")));
        assertThat(keys(e)).isEqualTo(keys(ex));
        assertThat(keys(e.get("error"))).isEqualTo(keys(ex.get("error")));
        assertThat(keys(ex.get("error").get("innerError"))).contains("date", "request-id");
        assertThat(keys(e.get("error").get("innerError"))).contains("date", "request-id", "client-request-id");
    }

    @Test
    void demoTenantKeepsProducingRecordsAsTheClockMoves() throws Exception {
        EmulatedTenant demo = emu.demoTenant();
        java.time.Instant now = java.time.Instant.parse("2026-06-01T00:00:00Z");
        emu.clock().set(now);
        try {
            // the rate tenant.json gives the demo; a few of the last hour's are not visible yet
            int rate = JSON.readTree(SAMPLE_DATA.resolve("tenant.json").toFile()).path("signInsPerHour").asInt();
            assertThat(rate).isPositive();
            int lastHour = demo.visibleIds("signins", now.minus(Duration.ofHours(1)), now).size();
            assertThat(lastHour).isBetween(rate * 2 / 3, rate + 2);
            assertThat(demo.visibleIds("signins", now.minus(Duration.ofDays(31)), now).size())
                    .isBetween(rate * 24 * 30 - 100, rate * 24 * 30 + 1);
            emu.clock().advance(Duration.ofHours(2));
            assertThat(demo.visibleIds("signins", now, now.plus(Duration.ofHours(1))))
                    .hasSizeBetween(rate * 9 / 10 - 1, rate * 11 / 10 + 1);
            assertThat(demo.visibleIds("directory_audits", now.minus(Duration.ofDays(1)), now)).hasSizeBetween(130, 160);
        } finally {
            emu.clock().useSystemTime();
        }
    }
}
