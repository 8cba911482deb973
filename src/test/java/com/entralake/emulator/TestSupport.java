package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

final class TestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "11111111-2222-4333-8444-555555555555";
    static final String CLIENT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static final String SECRET = "test-secret-value";
    static final Set<String> ALL_ROLES = Set.of("AuditLog.Read.All", "Directory.Read.All", "User.Read.All", "Group.Read.All");
    static final Path SAMPLE_DATA = Paths.get("sample-data");
    /** Microsoft's example responses, on the test classpath (src/test/resources/graph-examples). */
    static final Path EXAMPLES = com.entralake.testing.TestResources.graphExamples();

    private TestSupport() {
    }

    static GraphEmulator startWithTestTenant() {
        GraphEmulator emu = GraphEmulator.start(EmulatorOptions.defaults());
        emu.addTenant(TenantSpec.builder(TENANT).displayName("Contoso Test").license(License.PREMIUM)
                .app(new AppRegistration(CLIENT, "Entra Lake test", ALL_ROLES,
                        List.of(new ClientSecret("k1", SECRET, Instant.parse("2099-01-01T00:00:00Z"))), null))
                .build());
        return emu;
    }

    static HttpClient client(GraphEmulator emu) {
        return HttpClient.newBuilder().sslContext(emu.clientSslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String token(GraphEmulator emu) {
        return emu.issueAccessToken(TENANT, CLIENT, ALL_ROLES, Instant.now(), Duration.ofHours(1));
    }

    static HttpResponse<String> get(HttpClient http, GraphEmulator emu, String token, String pathOrUrl) throws Exception {
        URI uri = pathOrUrl.startsWith("https:") ? URI.create(pathOrUrl) : URI.create(emu.graphBaseUrl() + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.header("client-request-id", "c0ffee00-0000-4000-8000-000000000001");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static ObjectNode signIn(String id, String createdDateTime) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("createdDateTime", createdDateTime);
        o.put("userPrincipalName", "adele@contoso.com");
        o.putObject("status").put("errorCode", 0).putNull("failureReason").putNull("additionalDetails");
        return o;
    }

    static ObjectNode audit(String id, String activityDateTime) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("activityDateTime", activityDateTime);
        o.put("activityDisplayName", "Update user");
        o.put("category", "UserManagement");
        return o;
    }

    static String q(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
