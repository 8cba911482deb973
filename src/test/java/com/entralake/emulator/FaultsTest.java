package com.entralake.emulator;

import com.entralake.catalog.DataTypeCatalog;
import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
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
        for (int i = 0; i < 10; i++) {
            l.add(signIn("r" + i, "2026-03-15T11:0" + i + ":00Z"));
        }
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    HttpResponse<String> signIns(String query) throws Exception {
        return get(http, emu, token, "/v1.0/auditLogs/signIns" + query);
    }

    @Test
    void everyTypeOfAClassSharesItsBudgetAndIdentityProtectionSendsNoRetryAfter() throws Exception {
        com.entralake.catalog.DataType policies = com.entralake.catalog.DataType.builder("throttled_policies")
                .summary("test").get(com.entralake.catalog.ApiVersion.V1_0, "/identity/throttledPolicies")
                .resource("conditionalAccessPolicy").mode(new com.entralake.catalog.CollectionMode.Listing())
                .pageSize(10).needs("Directory.Read.All")
                .throttle(com.entralake.catalog.ThrottleClass.IDENTITY_PROTECTION).build();
        com.entralake.catalog.DataType locations = com.entralake.catalog.DataType.builder("throttled_locations")
                .summary("test").get(com.entralake.catalog.ApiVersion.V1_0, "/identity/throttledLocations")
                .resource("namedLocation").mode(new com.entralake.catalog.CollectionMode.Listing())
                .pageSize(10).needs("Directory.Read.All")
                .throttle(com.entralake.catalog.ThrottleClass.IDENTITY_PROTECTION).build();
        try (var a = com.entralake.catalog.DataTypeCatalog.extend(policies);
             var b = com.entralake.catalog.DataTypeCatalog.extend(locations)) {
            emu.faults().throttle(TENANT, com.entralake.catalog.ThrottleClass.IDENTITY_PROTECTION, true);
            assertThat(get(http, emu, token, "/v1.0/identity/throttledPolicies").statusCode()).isEqualTo(200);
            HttpResponse<String> second = get(http, emu, token, "/v1.0/identity/throttledLocations");
            assertThat(second.statusCode()).as("one budget of 1 request/s for the whole class").isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).as("Graph sends none for this class").isEmpty();
            assertThat(signIns("").statusCode()).as("another class, another budget").isEqualTo(200);
            Thread.sleep(1050);
            assertThat(get(http, emu, token, "/v1.0/identity/throttledLocations").statusCode()).isEqualTo(200);
        } finally {
            emu.faults().throttle(TENANT, com.entralake.catalog.ThrottleClass.IDENTITY_PROTECTION, false);
        }
    }

    @Test
    void throttlingAt5Per10SecondsWithAFractionalRetryAfterThatWorks() throws Exception {
        emu.faults().throttleAuditLogs(TENANT, true);
        for (int i = 0; i < 5; i++) {
            assertThat(signIns("").statusCode()).isEqualTo(200);
        }
        assertThat(get(http, emu, token, "/v1.0/users").statusCode()).as("directory reads are not audit-log throttled").isEqualTo(200);
        HttpResponse<String> r = signIns("");
        assertThat(r.statusCode()).isEqualTo(429);
        JsonNode sample = JSON.readTree(EXAMPLES.resolve("graph-429-throttling.sample.json").toFile());
        JsonNode e = json(r);
        assertThat(e.get("error").get("code").asText()).isEqualTo("TooManyRequests");
        assertThat(TokenEndpointMsalTest.fieldNames(e.get("error"))).isEqualTo(TokenEndpointMsalTest.fieldNames(sample.get("error")));
        assertThat(TokenEndpointMsalTest.fieldNames(e.get("error").get("innerError"))).containsAll(TokenEndpointMsalTest.fieldNames(sample.get("error").get("innerError")));
        String retryAfter = r.headers().firstValue("Retry-After").orElseThrow();
        assertThat(retryAfter).matches("\\d+(\\.\\d{1,3})?");
        double seconds = Double.parseDouble(retryAfter);
        assertThat(seconds).isGreaterThan(0).isLessThanOrEqualTo(10.01);
        assertThat(emu.requestLog().get(emu.requestLog().size() - 1).retryAfter()).isEqualTo(retryAfter);
        Thread.sleep((long) Math.ceil(seconds * 1000));
        assertThat(signIns("").statusCode()).isEqualTo(200);
        emu.faults().throttleAuditLogs(TENANT, false);
        for (int i = 0; i < 8; i++) {
            assertThat(signIns("").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void consecutiveServerErrors() throws Exception {
        for (int status : new int[]{500, 502, 503, 504}) {
            emu.faults().failNext(TENANT, 2, status);
            HttpResponse<String> r1 = signIns("");
            assertThat(r1.statusCode()).isEqualTo(status);
            assertThat(json(r1).get("error").has("code")).isTrue();
            assertThat(json(r1).get("error").get("innerError").has("request-id")).isTrue();
            assertThat(signIns("").statusCode()).isEqualTo(status);
            assertThat(signIns("").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void connectionResetsWithoutResponse() throws Exception {
        // java.net.http.HttpClient retries an idempotent GET once when the connection closes before a response,
        // so one client call meets two resets
        emu.faults().resetNext(TENANT, 2);
        assertThatThrownBy(() -> signIns("")).isInstanceOf(IOException.class);
        assertThat(signIns("").statusCode()).isEqualTo(200);
        assertThat(emu.requestLog().stream().filter(x -> x.status() == -1).count()).isEqualTo(2);
    }

    @Test
    void slowResponses() throws Exception {
        emu.faults().slow(TENANT, Duration.ofMillis(800));
        long t0 = System.nanoTime();
        assertThat(signIns("").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        emu.faults().slow(TENANT, Duration.ZERO);
        t0 = System.nanoTime();
        assertThat(signIns("").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void truncatedBodyAnnouncesTheFullLength() throws Exception {
        emu.faults().truncateNext(TENANT, 1);
        HttpsURLConnection c = (HttpsURLConnection) new URL(emu.graphBaseUrl() + "/v1.0/auditLogs/signIns").openConnection();
        c.setSSLSocketFactory(emu.clientSslContext().getSocketFactory());
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setReadTimeout(5000);
        assertThat(c.getResponseCode()).isEqualTo(200);
        int announced = c.getContentLength();
        assertThat(announced).isGreaterThan(100);
        byte[] got = new byte[announced];
        int n = 0;
        try (InputStream in = c.getInputStream()) {
            int k;
            while (n < announced && (k = in.read(got, n, announced - n)) > 0) {
                n += k;
            }
        } catch (IOException expected) {
            // premature EOF
        }
        assertThat(n).isLessThan(announced);
        // and the Java HttpClient reports it as an error
        emu.faults().truncateNext(TENANT, 1);
        assertThatThrownBy(() -> signIns("")).isInstanceOf(IOException.class);
        assertThat(signIns("").statusCode()).isEqualTo(200);
    }

    @Test
    void nextLinkLoopPointsBackToAnEarlierPage() throws Exception {
        emu.faults().nextLinkLoop(TENANT, 3);
        List<String> links = new ArrayList<>();
        String url = "/v1.0/auditLogs/signIns?$top=2";
        for (int i = 0; i < 3; i++) {
            JsonNode p = json(get(http, emu, token, url));
            url = p.get("@odata.nextLink").asText();
            links.add(url);
        }
        assertThat(links.get(2)).isEqualTo(links.get(0)); // page 3 links back to page 2
        emu.faults().nextLinkLoop(TENANT, 0);
        assertThat(json(get(http, emu, token, links.get(1))).get("@odata.nextLink").asText()).isNotEqualTo(links.get(0));
    }

    @Test
    void failFromPageOnwardsUntilCleared() throws Exception {
        emu.faults().failFromPage(TENANT, 2);
        JsonNode p1 = json(signIns("?$top=3"));
        String next = p1.get("@odata.nextLink").asText();
        assertThat(get(http, emu, token, next).statusCode()).isEqualTo(500);
        assertThat(get(http, emu, token, next).statusCode()).isEqualTo(500);
        assertThat(signIns("?$top=3").statusCode()).isEqualTo(200);
        emu.faults().clearFailFromPage(TENANT);
        assertThat(get(http, emu, token, next).statusCode()).isEqualTo(200);
    }

    @Test
    void licenceRemovedAndAddedAtRuntime() throws Exception {
        emu.faults().setLicense(TENANT, License.FREE);
        HttpResponse<String> r = signIns("");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        assertThat(json(r).get("error").get("message").asText()).isEqualTo("Neither tenant is B2C or tenant doesn't have premium license");
        assertThat(get(http, emu, token, "/v1.0/auditLogs/directoryAudits").statusCode()).isEqualTo(200);
        emu.faults().setLicense(TENANT, License.PREMIUM);
        assertThat(signIns("").statusCode()).isEqualTo(200);
    }

    @Test
    void rolesChangedAtRuntimeApplyToNewTokens() throws Exception {
        emu.faults().setRoles(TENANT, CLIENT, Set.of("AuditLog.Read.All"));
        String fresh = tokenFromEndpoint();
        HttpResponse<String> r = get(http, emu, fresh, "/v1.0/auditLogs/signIns");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("Authorization_RequestDenied");
        emu.faults().setRoles(TENANT, CLIENT, ALL_ROLES);
        assertThat(get(http, emu, tokenFromEndpoint(), "/v1.0/auditLogs/signIns").statusCode()).isEqualTo(200);
    }

    HttpResponse<String> tokenRequest(String tenant) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=" + SECRET + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenFaultsQueueInTheOrderArmedThenTheEndpointAnswersAgain() throws Exception {
        emu.faults().tokenServerErrorNext(TENANT, 2, 503);
        emu.faults().tokenGatewayPageNext(TENANT, 1, 502);
        emu.faults().tokenThrottledNext(TENANT, 1, 2);

        JsonNode sample = JSON.readTree(EXAMPLES.resolve("entra-token-error.sample.json").toFile());
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> busy = tokenRequest(TENANT);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode e = json(busy);
            assertThat(TokenEndpointMsalTest.fieldNames(e)).as("Entra's error body").isEqualTo(TokenEndpointMsalTest.fieldNames(sample));
            assertThat(e.get("error").asText()).isEqualTo("temporarily_unavailable");
            assertThat(e.get("error_codes").get(0).asInt()).isEqualTo(90033);
            assertThat(e.get("error_description").asText()).startsWith("AADSTS90033: A transient error has occurred.");
            assertThat(busy.headers().firstValue("Retry-After")).isEmpty();
        }
        HttpResponse<String> page = tokenRequest(TENANT);
        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(page.body()).startsWith("<html>").contains("502 Bad Gateway");
        HttpResponse<String> throttled = tokenRequest(TENANT);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
        assertThat(json(throttled).get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(tokenRequest(TENANT).statusCode()).isEqualTo(200);
        assertThat(emu.requestLog().stream().filter(r -> r.path().endsWith("/token")).map(ServedRequest::status).toList())
                .containsExactly(503, 503, 502, 429, 200);
    }

    @Test
    void tokenFaultsArePerTenantAndClearedWithTheTenantsOtherFaults() throws Exception {
        String other = "22222222-2222-4222-8222-222222222222";
        emu.addTenant(TenantSpec.builder(other).build());
        emu.faults().tokenServerErrorNext(other, 3, 500);
        emu.faults().tokenResetNext(TENANT, 5);
        emu.faults().clear(TENANT);

        assertThat(tokenRequest(TENANT).statusCode()).isEqualTo(200);
        assertThat(signIns("").statusCode()).as("a token fault never touches Graph").isEqualTo(200);
        HttpResponse<String> otherTenant = tokenRequest(other);
        assertThat(otherTenant.statusCode()).isEqualTo(500);
    }

    @Test
    void aTokenResetClosesTheConnectionAndADelayHoldsTheAnswer() throws Exception {
        // java.net.http.HttpClient does not resend a POST, so one request meets one reset here
        emu.faults().tokenResetNext(TENANT, 1);
        assertThatThrownBy(() -> tokenRequest(TENANT)).isInstanceOf(IOException.class);
        assertThat(emu.requestLog().get(emu.requestLog().size() - 1).status()).isEqualTo(-1);

        emu.faults().tokenDelayNext(TENANT, 1, Duration.ofMillis(800));
        long t0 = System.nanoTime();
        assertThat(tokenRequest(TENANT).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        t0 = System.nanoTime();
        assertThat(tokenRequest(TENANT).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void tokenLifetimeSetsExpiresInAndTheTokensExp() throws Exception {
        emu.faults().tokenLifetime(TENANT, Duration.ofSeconds(200));
        JsonNode ok = json(tokenRequest(TENANT));
        assertThat(ok.get("expires_in").asLong()).isEqualTo(200);
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(ok.get("access_token").asText().split("\\.")[1]));
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(200);
        emu.faults().tokenLifetime(TENANT, null);
        assertThat(json(tokenRequest(TENANT)).get("expires_in").asLong()).isEqualTo(3599);
    }

    String tokenFromEndpoint() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(emu.authorityHost() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=" + SECRET + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")).build(), HttpResponse.BodyHandlers.ofString());
        return json(ok).get("access_token").asText();
    }

    @Test
    void faultsArePerTenantAndPageListenerSeesServedPages() throws Exception {
        String other = "22222222-2222-4222-8222-222222222222";
        emu.addTenant(TenantSpec.builder(other).build());
        emu.faults().failNext(other, 5, 503);
        List<String> seen = new CopyOnWriteArrayList<>();
        emu.onPageServed((tid, path, page, count) -> seen.add(tid + " " + path + " " + page + " " + count));
        JsonNode p1 = json(signIns("?$top=4"));
        get(http, emu, token, p1.get("@odata.nextLink").asText());
        assertThat(seen).containsExactly(TENANT + " /v1.0/auditLogs/signIns 1 4", TENANT + " /v1.0/auditLogs/signIns 2 4");
    }
}
