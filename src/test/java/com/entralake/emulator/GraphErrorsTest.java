package com.entralake.emulator;

import com.entralake.catalog.DataTypeCatalog;
import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphErrorsTest {
    static GraphEmulator emu;
    static HttpClient http;
    static String token;

    @BeforeAll
    static void start() {
        emu = startWithTestTenant();
        http = client(emu);
        token = token(emu);
        emu.tenant(TENANT).events(DataTypeCatalog.SIGN_INS.dataset()).add(signIn("s1", Instant.now().minusSeconds(60).toString()));
        emu.tenant(TENANT).addObject(DataTypeCatalog.USERS.dataset(), (com.fasterxml.jackson.databind.node.ObjectNode) JSON.createObjectNode().put("id", "u1").put("displayName", "Adele"));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static JsonNode error(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(GraphEmulator.GRAPH_CONTENT_TYPE);
        assertThat(r.headers().firstValue("request-id")).isPresent();
        assertThat(r.headers().firstValue("client-request-id")).hasValue("c0ffee00-0000-4000-8000-000000000001");
        JsonNode e = json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("innerError").get("request-id").asText()).isEqualTo(r.headers().firstValue("request-id").orElseThrow());
        assertThat(e.get("innerError").get("client-request-id").asText()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
        assertThat(e.get("innerError").get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"createdDateTime gt 2026-01-01T00:00:00Z", "createdDateTime lt 2026-01-01T00:00:00Z",
            "createdDateTime ne 2026-01-01T00:00:00Z", "createdDateTime ge 2026-01-01T00:00:00Z or createdDateTime le 2026-01-02T00:00:00Z",
            "userId eq '123'", "createdDateTime ge '2026-01-01T00:00:00Z'", "createdDateTime ge 2026-01-01",
            "createdDateTime ge 2026-13-01T00:00:00Z", "createdDateTime ge 2026-01-01T00:00:00.12345678Z", "activityDateTime ge 2026-01-01T00:00:00Z", ""})
    void unsupportedFiltersOnSignInsAre400InvalidFilterClause(String filter) throws Exception {
        JsonNode e = error(get(http, emu, token, "/v1.0/auditLogs/signIns?$filter=" + q(filter)), 400, "BadRequest");
        assertThat(e.get("message").asText()).isEqualTo("Invalid filter clause");
    }

    @Test
    void filtersWithOffsetsAndFractionsAreAccepted() throws Exception {
        assertThat(get(http, emu, token, "/v1.0/auditLogs/signIns?$filter=" + q("createdDateTime ge 2026-01-01T00:00:00.1234567+00:00 and createdDateTime le 2099-01-01T00:00Z")).statusCode()).isEqualTo(200);
        assertThat(get(http, emu, token, "/v1.0/auditLogs/directoryAudits?$filter=" + q("activityDateTime ge 2026-01-01T00:00:00Z")).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$skip=10", "$count=true", "$select=id", "$expand=x", "$search=abc"})
    void undocumentedQueryOptionsOnSignInsAre400(String option) throws Exception {
        error(get(http, emu, token, "/v1.0/auditLogs/signIns?" + option), 400, "BadRequest");
    }

    @Test
    void topLimits() throws Exception {
        error(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=1001"), 400, "BadRequest");
        error(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=0"), 400, "BadRequest");
        assertThat(get(http, emu, token, "/v1.0/auditLogs/signIns?$top=1000").statusCode()).isEqualTo(200);
        JsonNode e = error(get(http, emu, token, "/v1.0/users?$top=1000"), 400, "Request_UnsupportedQuery");
        assertThat(e.get("message").asText()).isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
        assertThat(get(http, emu, token, "/v1.0/users?$top=999").statusCode()).isEqualTo(200);
        error(get(http, emu, token, "/v1.0/groups?$top=1000"), 400, "Request_UnsupportedQuery");
    }

    @Test
    void orderbyAndSkiptoken() throws Exception {
        assertThat(get(http, emu, token, "/v1.0/auditLogs/signIns?$orderby=" + q("createdDateTime desc")).statusCode()).isEqualTo(200);
        error(get(http, emu, token, "/v1.0/auditLogs/signIns?$orderby=" + q("userId desc")), 400, "BadRequest");
        error(get(http, emu, token, "/v1.0/auditLogs/signIns?$skiptoken=garbage"), 400, "BadRequest");
    }

    @Test
    void unknownSelectPropertyOnUsers() throws Exception {
        JsonNode e = error(get(http, emu, token, "/v1.0/users?$select=" + q("displayName,shoeSize")), 400, "Request_BadRequest");
        assertThat(e.get("message").asText()).isEqualTo("Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.");
        e = error(get(http, emu, token, "/v1.0/groups?$select=colour"), 400, "Request_BadRequest");
        assertThat(e.get("message").asText()).isEqualTo("Could not find a property named 'colour' on type 'microsoft.graph.group'.");
    }

    @Test
    void authenticationErrors() throws Exception {
        JsonNode e = error(get(http, emu, null, "/v1.0/auditLogs/signIns"), 401, "InvalidAuthenticationToken");
        assertThat(e.get("message").asText()).isEqualTo("Access token is empty.");
        error(get(http, emu, "not-a-jwt", "/v1.0/auditLogs/signIns"), 401, "InvalidAuthenticationToken");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        error(get(http, emu, forged, "/v1.0/users"), 401, "InvalidAuthenticationToken");
        String expired = emu.issueAccessToken(TENANT, CLIENT, ALL_ROLES, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
        e = error(get(http, emu, expired, "/v1.0/auditLogs/signIns"), 401, "InvalidAuthenticationToken");
        assertThat(e.get("message").asText()).isEqualTo("Lifetime validation failed, the token is expired.");
    }

    @Test
    void missingRolesAre403() throws Exception {
        String onlyAudit = emu.issueAccessToken(TENANT, CLIENT, Set.of("AuditLog.Read.All"), Instant.now(), Duration.ofHours(1));
        JsonNode e = error(get(http, emu, onlyAudit, "/v1.0/auditLogs/signIns"), 403, "Authorization_RequestDenied");
        assertThat(e.get("message").asText()).isEqualTo("Insufficient privileges to complete the operation.");
        assertThat(get(http, emu, onlyAudit, "/v1.0/auditLogs/directoryAudits").statusCode()).isEqualTo(200);
        error(get(http, emu, onlyAudit, "/v1.0/users"), 403, "Authorization_RequestDenied");
        error(get(http, emu, onlyAudit, "/v1.0/groups"), 403, "Authorization_RequestDenied");
        String dir = emu.issueAccessToken(TENANT, CLIENT, Set.of("Directory.Read.All"), Instant.now(), Duration.ofHours(1));
        assertThat(get(http, emu, dir, "/v1.0/users").statusCode()).isEqualTo(200);
        assertThat(get(http, emu, dir, "/v1.0/groups").statusCode()).isEqualTo(200);
        error(get(http, emu, dir, "/v1.0/auditLogs/directoryAudits"), 403, "Authorization_RequestDenied");
    }

    @Test
    void unknownSegmentIs400() throws Exception {
        error(get(http, emu, token, "/v1.0/nonsense"), 400, "BadRequest");
    }
}
