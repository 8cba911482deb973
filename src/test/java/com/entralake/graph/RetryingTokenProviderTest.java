package com.entralake.graph;

import com.entralake.auth.AccessTokenProvider;
import com.entralake.auth.AuthenticationFailure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token endpoint's retries on fake time: Graph's budget and backoff, Retry-After, and no retry of a credential answer. */
class RetryingTokenProviderTest {

    static final String TENANT = "8c6a4e1d-0000-4000-8000-000000000001";
    static final URI LOGIN = URI.create("https://login.microsoftonline.com");

    final FakeTime time = new FakeTime();
    final GraphCallStats stats = new GraphCallStats();

    static AuthenticationFailure unavailable(String cause, Duration retryAfter) {
        return AuthenticationFailure.transientFailure(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE,
                "one attempt failed", cause, retryAfter, "AADSTS90033", "0b3f5c8e-1d2a-4e5f-9a6b-7c8d9e0f1a2b", null);
    }

    static AuthenticationFailure timeout() {
        return AuthenticationFailure.transientFailure(AuthenticationFailure.Reason.NETWORK, "one attempt timed out",
                "the connection timed out", null, null, null, null);
    }

    /** Answers from a script: a failure is thrown, a string is returned; counts calls. */
    static final class Scripted implements AccessTokenProvider {
        final Deque<Object> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();

        Scripted then(Object answer) {
            script.addLast(answer);
            return this;
        }

        @Override
        public String accessToken() {
            calls.incrementAndGet();
            Object next = script.size() > 1 ? script.pollFirst() : script.peekFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        }

        @Override
        public String refreshAccessToken() {
            refreshes.incrementAndGet();
            return accessToken();
        }
    }

    RetryingTokenProvider provider(AccessTokenProvider delegate, RetrySettings retry) {
        return new RetryingTokenProvider(delegate, TENANT, LOGIN, retry, time, stats, () -> 0.5);
    }

    @Test
    void transientFailuresAreRetriedWithGraphsJitteredBackoffUntilATokenComes() {
        Scripted endpoint = new Scripted().then(unavailable("HTTP 503", null)).then(timeout())
                .then(unavailable("HTTP 502", null)).then("token-1");
        RetryingTokenProvider tokens = provider(endpoint, RetrySettings.DEFAULTS);

        assertThat(tokens.accessToken()).isEqualTo("token-1");

        assertThat(endpoint.calls.get()).isEqualTo(4);
        // full jitter with random 0.5 over ceilings 1 s, 2 s, 4 s (base 1 s, doubling)
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(tokens.retries()).isEqualTo(3);
        assertThat(stats.retries()).as("the run summary counts them").isEqualTo(3);
    }

    @Test
    void retryAfterIsHonouredInsteadOfTheBackoff() {
        Scripted endpoint = new Scripted().then(unavailable("HTTP 429", Duration.ofSeconds(7))).then("token-1");

        assertThat(provider(endpoint, RetrySettings.DEFAULTS).accessToken()).isEqualTo("token-1");

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void anOutageLongerThanTheBudgetEndsInOneMessageThatBlamesTheEndpointNotTheCredentials() {
        Scripted endpoint = new Scripted().then(unavailable("the token endpoint answered HTTP 503 (temporarily_unavailable,"
                + " AADSTS90033)", null));
        RetrySettings four = new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5));

        AuthenticationFailure failure = catchThrowableOfType(() -> provider(endpoint, four).accessToken(),
                AuthenticationFailure.class);

        assertThat(endpoint.calls.get()).as("the budget bounds the attempts").isEqualTo(4);
        assertThat(time.sleeps).hasSize(3);
        assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo("Could not obtain a token for tenant " + TENANT
                + " from https://login.microsoftonline.com: 4 attempts failed, the last because the token endpoint"
                + " answered HTTP 503 (temporarily_unavailable, AADSTS90033). This is not a credential problem;"
                + " the next run tries again.");
        assertThat(failure.retryable()).as("nothing above retries it again").isFalse();
        assertThat(failure.aadstsCode()).isEqualTo("AADSTS90033");
        assertThat(failure.getCause()).isNull();
    }

    @Test
    void aCredentialAnswerIsThrownAtOnceWithoutWaiting() {
        AuthenticationFailure wrongSecret = new AuthenticationFailure(AuthenticationFailure.Reason.WRONG_SECRET,
                "The client secret is not valid (AADSTS7000215)", "AADSTS7000215", null, null);
        Scripted endpoint = new Scripted().then(wrongSecret);

        AuthenticationFailure failure = catchThrowableOfType(() -> provider(endpoint, RetrySettings.DEFAULTS).accessToken(),
                AuthenticationFailure.class);

        assertThat(failure).isSameAs(wrongSecret);
        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
        assertThat(stats.retries()).isZero();
    }

    @Test
    void aRefreshMidRunIsRetriedTheSameWay() {
        Scripted endpoint = new Scripted().then("token-1").then(timeout()).then("token-2");
        RetryingTokenProvider tokens = provider(endpoint, RetrySettings.DEFAULTS);
        assertThat(tokens.accessToken()).isEqualTo("token-1");

        assertThat(tokens.refreshAccessToken()).isEqualTo("token-2");

        assertThat(endpoint.refreshes.get()).isEqualTo(2);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void oneAttemptBudgetMeansNoRetryAtAll() {
        Scripted endpoint = new Scripted().then(timeout());
        RetrySettings one = new RetrySettings(1, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5));

        AuthenticationFailure failure = catchThrowableOfType(() -> provider(endpoint, one).accessToken(),
                AuthenticationFailure.class);

        assertThat(failure.getMessage()).contains(": 1 attempt failed, because the connection timed out.");
        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(time.sleeps).isEqualTo(List.of());
    }
}
