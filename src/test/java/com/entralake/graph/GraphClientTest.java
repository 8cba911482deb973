package com.entralake.graph;

import com.entralake.catalog.ApiVersion;
import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.Licence;
import com.entralake.catalog.LicenceRefusal;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.ThrottleClass;
import com.entralake.auth.AccessTokenProvider;
import com.entralake.auth.AuthenticationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.entralake.graph.ScriptedHttpStub.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GraphClientTest {

    static final String PAGE = "{\"@odata.context\":\"x\",\"value\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}],"
            + "\"@odata.nextLink\":\"{base}/v1.0/users?$top=2&$skiptoken=RFNwdAIAAQAAACpHcm91cDo\"}";
    static final String LAST_PAGE = "{\"value\":[{\"id\":\"z\"}]}";
    static final String SIGN_INS = "/v1.0/auditLogs/signIns?$top=1000";
    static final String USERS = "/v1.0/users?$top=999";

    final FakeTime time = new FakeTime();
    final FakeTokens tokens = new FakeTokens();
    final GraphCallStats stats = new GraphCallStats();
    ScriptedHttpStub stub;
    GraphClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new ScriptedHttpStub();
        client = client(RetrySettings.DEFAULTS);
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    GraphClient client(RetrySettings retry) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        RequestPacer pacer = new RequestPacer(java.util.Map.of(), time, time);
        return new GraphClient(http, tokens, retry, pacer, time, stats, () -> 0.5);
    }

    @Test
    void returnsParsedPageWithNextLinkExactlyAsSent() {
        stub.thenJson(200, PAGE);

        GraphPage page = client.fetch(stub.url(USERS));

        assertThat(page.records()).extracting(r -> r.get("id").asText()).containsExactly("a", "b", "c");
        assertThat(page.nextLink()).isEqualTo(stub.url("/v1.0/users?$top=2&$skiptoken=RFNwdAIAAQAAACpHcm91cDo"));
        ScriptedHttpStub.Request sent = stub.requests.get(0);
        assertThat(sent.headers()).containsEntry("authorization", "Bearer token-1")
                .containsEntry("accept", "application/json")
                .containsKey("client-request-id");
        assertThat(time.sleeps).isEmpty();
        assertThat(stats.pages()).isEqualTo(1);
        assertThat(stats.records()).isEqualTo(3);
    }

    @Test
    void retries503WithBackoffThenSucceeds() {
        stub.thenJson(503, errorBody("serviceNotAvailable", "down")).thenJson(200, LAST_PAGE);

        GraphPage page = client.fetch(stub.url(USERS));

        assertThat(page.records()).hasSize(1);
        assertThat(stub.requests).hasSize(2);
        // full jitter with random 0.5 over the first ceiling (base 1 s)
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500));
        assertThat(stats.retries()).isEqualTo(1);
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        RetrySettings retry = RetrySettings.DEFAULTS;
        assertThat(retry.backoffCeiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.backoffCeiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffCeiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(retry.backoffCeiling(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.backoffCeiling(500)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.backoff(3, 0.25)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void honoursFractionalRetryAfterExactlyNeverLess() {
        stub.thenJson(429, errorBody("TooManyRequests", "Too many requests"), "Retry-After", "2.128")
                .thenJson(200, LAST_PAGE);
        AtomicInteger sends = new AtomicInteger();
        long[] sentAt = new long[2];
        GraphClient watched = new GraphClient(HttpClient.newHttpClient(), tokens, RetrySettings.DEFAULTS,
                new RequestPacer(java.util.Map.of(), time, time),
                time, new GraphCallListener() {
                    @Override
                    public void requestSent(URI url, int attempt) {
                        sentAt[sends.getAndIncrement()] = time.nanoTime();
                    }
                }, () -> 0.5);

        watched.fetch(stub.url(SIGN_INS));

        assertThat(time.sleeps).containsExactly(Duration.ofMillis(2128));
        assertThat(sentAt[1] - sentAt[0]).isGreaterThanOrEqualTo(Duration.ofMillis(2128).toNanos());
    }

    @Test
    void throttlingWithUnknownErrorBodyAndNoRetryAfterUsesBackoff() {
        stub.thenJson(429, errorBody("UnknownError", "Too Many Requests")).thenJson(200, LAST_PAGE);

        client.fetch(stub.url(SIGN_INS));

        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500));
        assertThat(stats.throttles()).isEqualTo(1);
        assertThat(stub.requests).hasSize(2);
    }

    /** Identity protection's 429s carry no Retry-After: the client's own wait is at least the class's 1 s window. */
    @Test
    void aThrottleWithoutRetryAfterOnIdentityProtectionWaitsAtLeastItsWindow() {
        stub.thenJson(429, errorBody("TooManyRequests", "Too many requests.")).thenJson(200, LAST_PAGE);

        client.fetch(stub.url("/v1.0/identityProtection/riskDetections"), DataTypeCatalog.byDataset("risk_detections").orElseThrow());

        // the jittered backoff alone would be 500 ms (random 0.5 over the first 1 s ceiling)
        assertThat(time.sleeps).containsExactly(ThrottleClass.IDENTITY_PROTECTION.window());
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void throttlePausesOtherRequestsOfTheSameClassOnly() {
        RequestPacer pacer = new RequestPacer(java.util.Map.of(), time, time);
        GraphClient shared = new GraphClient(HttpClient.newHttpClient(), tokens, RetrySettings.DEFAULTS, pacer, time,
                stats, () -> 0.5);
        stub.thenJson(429, errorBody("TooManyRequests", "slow down"), "Retry-After", "3").thenJson(200, LAST_PAGE);
        shared.fetch(stub.url(SIGN_INS), DataTypeCatalog.SIGN_INS);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
        time.sleeps.clear();

        pacer.penalize(ThrottleClass.REPORTS, Duration.ofSeconds(4));
        stub.thenJson(200, LAST_PAGE).thenJson(200, LAST_PAGE);
        shared.fetch(stub.url(USERS), DataTypeCatalog.USERS);
        assertThat(time.sleeps).as("the directory budget is Graph's other bucket").isEmpty();
        shared.fetch(stub.url("/v1.0/auditLogs/directoryAudits"), DataTypeCatalog.DIRECTORY_AUDITS);
        assertThat(time.sleeps).as("audits share the sign-ins' budget").containsExactly(Duration.ofSeconds(4));
    }

    /**
     * raw_json is the record as Graph sent it: each item's own bytes, whatever their spacing, escapes or non-ASCII
     * text, not a re-serialisation of the parsed tree; the annotations and other members around the array are
     * not part of any record.
     */
    @Test
    void eachRecordKeepsTheBytesGraphSentForIt() {
        String first = "{ \"id\" : \"a\",\n  \"displayName\":\"Zo\\u00eb \u00c5str\u00f6m\", \"n\": 1.50E+1 }";
        String second = "{\"id\":\"b\",\"nested\":{\"value\":[1,2]},\"list\":[{\"x\":null}]}";
        String body = "{\"@odata.context\":\"ctx\",\"value\": [ " + first + " ,\n" + second
                + "],\"@odata.nextLink\":null,\"extra\":{\"value\":\"not records\"}}";
        stub.thenJson(200, body);

        GraphPage page = client.fetch(stub.url(USERS));

        assertThat(page.records()).extracting(r -> r.get("id").asText()).containsExactly("a", "b");
        assertThat(new String(page.rawJson(0), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(page.rawJson(1), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(page.records().get(0).get("displayName").asText()).isEqualTo("Zo\u00eb \u00c5str\u00f6m");
        assertThat(page.isLast()).isTrue();
    }

    /**
     * A collection page keeps its place in flight until the reader has written it; an attempt that fails (here a
     * 503) gives its place back before it backs off, and a page that never arrives leaves none taken.
     */
    @Test
    void aHeldPageKeepsItsPlaceUntilReleasedAndFailedAttemptsKeepNone() {
        InFlightPages pages = new InFlightPages(1);
        client.limitPagesInFlight(pages);
        stub.thenJson(503, "{}").thenJson(200, PAGE);

        GraphPage page = client.fetchHeld(stub.url(USERS), com.entralake.catalog.DataTypeCatalog.USERS);

        assertThat(page.records()).hasSize(3);
        assertThat(pages.available()).isZero();
        client.releaseHeldPage();
        assertThat(pages.available()).isEqualTo(1);

        stub.thenJson(403, "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"no\"}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> client.fetchHeld(stub.url(USERS), com.entralake.catalog.DataTypeCatalog.USERS))
                .isInstanceOf(GraphException.class);
        assertThat(pages.available()).isEqualTo(1);
    }

    @Test
    void aBodyThatEndsBeforeItsObjectClosesIsRetriedWhereverItIsCut() {
        String body = PAGE.replace("{base}", stub.base().toString());
        for (int cut : new int[] {1, body.indexOf('[') + 1, body.indexOf('}') + 1, body.lastIndexOf(']') + 1, body.length() - 1}) {
            stub.then(ScriptedHttpStub.truncated(body, cut));
        }
        stub.thenJson(200, PAGE);

        assertThat(client.fetch(stub.url(USERS)).records()).hasSize(3);
        assertThat(stub.requests).hasSize(6);
    }

    @Test
    void truncatedBodyIsRetriedAndTheCompletePageReturned() {
        String body = PAGE.replace("{base}", stub.base().toString());
        stub.then(ScriptedHttpStub.truncated(body, body.length() / 2)).thenJson(200, PAGE);

        GraphPage page = client.fetch(stub.url(USERS));

        assertThat(page.records()).hasSize(3);
        assertThat(stub.requests).hasSize(2);
        assertThat(stats.retries()).isEqualTo(1);
    }

    @Test
    void bodyThatIsNotACollectionIsRetried() {
        stub.thenJson(200, "<html>proxy error</html>").thenJson(200, "{\"id\":\"x\"}").thenJson(200, LAST_PAGE);

        assertThat(client.fetch(stub.url(USERS)).records()).hasSize(1);
        assertThat(stub.requests).hasSize(3);
    }

    @Test
    void connectionResetIsRetried() {
        // the JDK client itself retries a GET once when the connection dies before any response byte,
        // so reset more often than that to make sure our own retry loop handles it
        stub.then(ScriptedHttpStub.reset()).then(ScriptedHttpStub.reset()).then(ScriptedHttpStub.reset())
                .then(ScriptedHttpStub.reset()).thenJson(200, LAST_PAGE);

        assertThat(client.fetch(stub.url(USERS)).records()).hasSize(1);
        assertThat(stub.requests).hasSize(5);
        assertThat(stats.retries()).isPositive();
    }

    @Test
    void requestTimeoutIsRetried() {
        GraphClient quick = client(new RetrySettings(8, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(300)));
        stub.then(ScriptedHttpStub.silence(3_000)).thenJson(200, LAST_PAGE);

        assertThat(quick.fetch(stub.url(USERS)).records()).hasSize(1);
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void unauthorizedRefreshesTheTokenOnceThenSucceeds() {
        stub.thenJson(401, errorBody("InvalidAuthenticationToken", "Access token has expired")).thenJson(200, LAST_PAGE);

        client.fetch(stub.url(USERS));

        assertThat(tokens.refreshes.get()).isEqualTo(1);
        assertThat(stub.requests).extracting(r -> r.headers().get("authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void secondUnauthorizedIsAnAuthenticationError() {
        stub.thenJson(401, errorBody("InvalidAuthenticationToken", "bad")).thenJson(401, errorBody("InvalidAuthenticationToken", "bad"));

        GraphException e = catchThrowableOfType(() -> client.fetch(stub.url(USERS)), GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.AUTHENTICATION);
        assertThat(e.stopsDataType()).isFalse();
        assertThat(e.getMessage()).doesNotContain("token-1", "token-2");
        assertThat(tokens.refreshes.get()).isEqualTo(1);
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void missingLicenceIsClassifiedAndNotRetried() {
        stub.thenJson(403, errorBody("Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                "Neither tenant is B2C or tenant doesn't have premium license"));

        GraphException e = catchThrowableOfType(() -> client.fetch(stub.url(SIGN_INS), DataTypeCatalog.SIGN_INS),
                GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.LICENCE);
        assertThat(e.stopsDataType()).isTrue();
        assertThat(e.getMessage()).contains("P1/P2", "B2C", "Directory.Read.All is missing");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void aLicenceAnswerIsReadWithTheDataTypesOwnRefusals() {
        DataType intuneLike = DataType.builder("managed_things").get(ApiVersion.V1_0, "/deviceManagement/things")
                .resource("thing").mode(new CollectionMode.Listing()).pageSize(100)
                .needs("DeviceManagementManagedDevices.Read.All").throttle(ThrottleClass.INTUNE)
                .licence(new Licence("Microsoft Intune", List.of(new LicenceRefusal(400, null,
                        "not applicable to target tenant", "Microsoft Intune licence", null))))
                .build();
        stub.thenJson(400, errorBody("BadRequest", "Request not applicable to target tenant."))
                .thenJson(400, errorBody("BadRequest", "Request not applicable to target tenant."))
                .thenJson(403, errorBody("Authentication_RequestFromNonPremiumTenantOrB2CTenant", "no premium"));

        assertThat(catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/deviceManagement/things"), intuneLike),
                GraphException.class).kind()).isEqualTo(GraphException.Kind.LICENCE);
        // the same answer from a type that needs no licence, or from outside the catalogue, is not about a licence
        assertThat(catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/auditLogs/directoryAudits"),
                DataTypeCatalog.DIRECTORY_AUDITS), GraphException.class).kind()).isEqualTo(GraphException.Kind.BAD_REQUEST);
        assertThat(catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/organization")), GraphException.class)
                .kind()).isEqualTo(GraphException.Kind.PERMISSION);
    }

    @Test
    void anUndocumentedLicenceAnswerIsAny403ButGraphsInsufficientPrivilegesStaysAPermissionProblem() {
        stub.thenJson(403, errorBody("Authorization_RequestDenied", "Insufficient privileges to complete the operation."))
                .thenJson(403, errorBody("Forbidden", "The tenant does not have a P2 license."));
        String path = "/v1.0/identityProtection/riskyUsers";

        assertThat(catchThrowableOfType(() -> client.fetch(stub.url(path), DataTypeCatalog.RISKY_USERS),
                GraphException.class).kind()).isEqualTo(GraphException.Kind.PERMISSION);
        assertThat(catchThrowableOfType(() -> client.fetch(stub.url(path), DataTypeCatalog.RISKY_USERS),
                GraphException.class).kind()).isEqualTo(GraphException.Kind.LICENCE);
    }

    @Test
    void missingPermissionNamesThePermissionsTheDataTypeNeeds() {
        stub.thenJson(403, errorBody("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));

        GraphException e = catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/auditLogs/signIns?$top=5"),
                DataTypeCatalog.SIGN_INS), GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.PERMISSION);
        assertThat(e.graphCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(e.getMessage()).contains("AuditLog.Read.All", "Directory.Read.All", "Insufficient privileges");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void badRequestCarriesGraphsMessageAndPathButNoToken() {
        stub.thenJson(400, errorBody("BadRequest", "Invalid filter clause"));

        GraphException e = catchThrowableOfType(
                () -> client.fetch(stub.url("/v1.0/auditLogs/signIns?$filter=createdDateTime%20gt%20x")), GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.BAD_REQUEST);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("BadRequest", "Invalid filter clause", "/v1.0/auditLogs/signIns?$filter=")
                .doesNotContain("token-1").doesNotContain("Bearer");
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void notFoundIsClassified() {
        stub.thenJson(404, errorBody("ResourceNotFound", "nope"));

        assertThat(catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/nothing")), GraphException.class).kind())
                .isEqualTo(GraphException.Kind.NOT_FOUND);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {400, 404, 410})
    void aCataloguedBetaEndpointThatIsGoneIsWithdrawnNotABrokenRequest(int status) {
        DataType beta = DataTypeCatalog.all().stream().filter(t -> t.version() == com.entralake.catalog.ApiVersion.BETA)
                .findFirst().orElseThrow();
        stub.thenJson(status, errorBody(status == 404 ? "ResourceNotFound" : "BadRequest", "Resource not found for the segment"));

        GraphException e = catchThrowableOfType(() -> client.fetch(stub.url("/beta" + beta.graphPath()), beta),
                GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.WITHDRAWN);
        assertThat(e.stopsDataType()).isTrue();
        assertThat(e.getMessage()).contains("beta endpoint", "HTTP " + status);
        // the same answers from a v1.0 endpoint are a wrong request or base URL, said as such
        stub.thenJson(status, errorBody("BadRequest", "nope"));
        assertThat(catchThrowableOfType(() -> client.fetch(stub.url("/v1.0/users"), DataTypeCatalog.USERS),
                GraphException.class).kind()).isNotEqualTo(GraphException.Kind.WITHDRAWN);
    }

    @Test
    void exhaustedRetriesSayHowManyAndTheLastStatus() {
        GraphClient three = client(new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5)));
        stub.thenJson(503, "{}").thenJson(502, "{}").thenJson(503, errorBody("serviceNotAvailable", "down"));

        GraphException e = catchThrowableOfType(() -> three.fetch(stub.url(USERS)), GraphException.class);

        assertThat(e.kind()).isEqualTo(GraphException.Kind.TRANSIENT_EXHAUSTED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("3 times", "HTTP 503");
        assertThat(stub.requests).hasSize(3);
        // backoff only between attempts: 0.5 * 1 s, 0.5 * 2 s
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aTokenFailureIsNotRetriedAgainByTheGraphClient() {
        // the token provider (RetryingTokenProvider) has spent the attempt budget already: a second budget on top
        // would make 8 x 8 token requests out of one outage
        AtomicInteger calls = new AtomicInteger();
        AccessTokenProvider down = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                calls.incrementAndGet();
                throw AuthenticationFailure.transientFailure(AuthenticationFailure.Reason.NETWORK,
                        "login host down", "the connection timed out", null, null, null, null);
            }

            @Override
            public String refreshAccessToken() {
                return accessToken();
            }
        };
        RequestPacer pacer = new RequestPacer(java.util.Map.of(), time, time);
        GraphClient c = new GraphClient(HttpClient.newHttpClient(), down, RetrySettings.DEFAULTS, pacer, time, stats, () -> 0.5);

        assertThatThrownBy(() -> c.fetch(stub.url(USERS))).isInstanceOf(AuthenticationFailure.class)
                .hasMessage("login host down");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void wrongSecretIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        AccessTokenProvider wrong = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                calls.incrementAndGet();
                throw new AuthenticationFailure(AuthenticationFailure.Reason.WRONG_SECRET, "wrong", "AADSTS7000215", null, null);
            }

            @Override
            public String refreshAccessToken() {
                return accessToken();
            }
        };
        GraphClient c = new GraphClient(HttpClient.newHttpClient(), wrong, RetrySettings.DEFAULTS,
                new RequestPacer(java.util.Map.of(), time, time),
                time, stats, () -> 0.5);

        assertThatThrownBy(() -> c.fetch(stub.url(USERS))).isInstanceOf(AuthenticationFailure.class);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void retryAfterOnA503IsHonouredInsteadOfBackoff() {
        stub.thenJson(503, errorBody("serviceNotAvailable", "down"), "Retry-After", "7").thenJson(200, LAST_PAGE);

        client.fetch(stub.url(USERS));

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void statsCountRequestsRetriesAndThrottles() {
        stub.thenJson(429, errorBody("TooManyRequests", "x"), "Retry-After", "1")
                .thenJson(500, "oops").thenJson(200, PAGE);

        client.fetch(stub.url(SIGN_INS));

        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.throttles()).isEqualTo(1);
        assertThat(stats.throttledTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(stats.pages()).isEqualTo(1);
        assertThat(stats.records()).isEqualTo(3);
        assertThat(stats.bodyBytes()).isPositive();
    }

    @Test
    void retryAfterParsing() {
        assertThat(GraphClient.parseRetryAfter("2.128")).contains(Duration.ofMillis(2128));
        assertThat(GraphClient.parseRetryAfter(" 7 ")).contains(Duration.ofSeconds(7));
        assertThat(GraphClient.parseRetryAfter("0.0000000001")).contains(Duration.ofNanos(1));
        assertThat(GraphClient.parseRetryAfter("Fri, 27 Nov 2026 03:00:00 GMT")).isEmpty();
        assertThat(GraphClient.parseRetryAfter("-1")).isEmpty();
    }

    @Test
    void nextLinkLoopIsDetected() {
        stub.thenJson(200, "{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\"{base}/v1.0/users?$skiptoken=B\"}")
                .thenJson(200, "{\"value\":[{\"id\":\"2\"}],\"@odata.nextLink\":\"{base}/v1.0/users?$skiptoken=C\"}")
                .thenJson(200, "{\"value\":[{\"id\":\"3\"}],\"@odata.nextLink\":\"{base}/v1.0/users?$skiptoken=B\"}");
        PageIterator pages = new PageIterator(client, stub.url("/v1.0/users?$top=1"));

        assertThat(pages.next().records()).hasSize(1);
        assertThat(pages.next().records()).hasSize(1);
        assertThat(pages.next().records()).hasSize(1);
        assertThat(pages.hasNext()).isTrue();
        assertThatThrownBy(pages::next).isInstanceOfSatisfying(GraphException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(GraphException.Kind.NEXT_LINK_LOOP);
                    assertThat(e.getMessage()).contains("already read", "after page 3");
                });
        assertThat(stub.targets()).containsExactly("/v1.0/users?$top=1", "/v1.0/users?$skiptoken=B",
                "/v1.0/users?$skiptoken=C");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedBecauseTheTokenWouldGoThere() {
        stub.thenJson(200, "{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\"https://graph.example.net/v1.0/users?$skiptoken=B\"}")
                .thenJson(200, "{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\"http://127.0.0.1/v1.0/users?$skiptoken=B\"}");
        for (int query = 0; query < 2; query++) {
            PageIterator pages = new PageIterator(client, stub.url("/v1.0/users?$top=1"));
            assertThatThrownBy(pages::next).isInstanceOfSatisfying(GraphException.class, e -> {
                assertThat(e.kind()).isEqualTo(GraphException.Kind.UNEXPECTED_RESPONSE);
                assertThat(e.getMessage()).contains("another host", "access token");
            });
        }
        assertThat(stub.targets()).containsExactly("/v1.0/users?$top=1", "/v1.0/users?$top=1");
    }

    @Test
    void pagerFollowsNextLinksToTheEnd() {
        stub.thenJson(200, "{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\"{base}/v1.0/users?$top=1&$skiptoken=X%2BY\"}")
                .thenJson(200, LAST_PAGE);
        PageIterator pages = new PageIterator(client, stub.url("/v1.0/users?$top=1"));

        int records = 0;
        while (pages.hasNext()) {
            records += pages.next().records().size();
        }

        assertThat(records).isEqualTo(2);
        assertThat(pages.pagesRead()).isEqualTo(2);
        assertThat(stub.targets()).containsExactly("/v1.0/users?$top=1", "/v1.0/users?$top=1&$skiptoken=X%2BY");
    }

    static final class FakeTokens implements AccessTokenProvider {
        final AtomicInteger refreshes = new AtomicInteger();
        private volatile String current = "token-1";

        @Override
        public String accessToken() {
            return current;
        }

        @Override
        public String refreshAccessToken() {
            current = "token-" + (refreshes.incrementAndGet() + 1);
            return current;
        }
    }
}
