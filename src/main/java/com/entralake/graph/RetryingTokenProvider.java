package com.entralake.graph;

import com.entralake.auth.AccessTokenProvider;
import com.entralake.auth.AuthenticationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The one place that retries the token endpoint, at sign-in and at every refresh: a failure its provider marks
 * {@linkplain AuthenticationFailure#retryable() retryable} (timeouts, resets, 408/429/5xx, transient AADSTS codes)
 * is tried again with Graph's own {@link RetrySettings} — the same attempt budget, capped exponential backoff with
 * full jitter, {@code Retry-After} when the endpoint sent one. A credential answer is thrown at once: retrying a
 * wrong secret would only make Entra see a storm of them. The Graph client does not retry token failures again.
 *
 * <p>Calls are serialized, so concurrent steps of a tenant wait for one retry series instead of each starting
 * their own; the cached path of the provider underneath stays cheap.
 */
public final class RetryingTokenProvider implements AccessTokenProvider {

    private static final Logger log = LoggerFactory.getLogger(RetryingTokenProvider.class);

    private final AccessTokenProvider delegate;
    private final String tenantId;
    private final URI authorityHost;
    private final RetrySettings retry;
    private final Sleeper sleeper;
    private final GraphCallListener listener;
    private final DoubleSupplier random;
    private final LongAdder retries = new LongAdder();

    /**
     * @param authorityHost the login host, for messages and for the listener (never a token)
     * @param listener      hears every retry, e.g. the tenant's {@link GraphCallStats}, so the run summary counts them
     */
    public RetryingTokenProvider(AccessTokenProvider delegate, String tenantId, URI authorityHost, RetrySettings retry,
                                 Sleeper sleeper, GraphCallListener listener) {
        this(delegate, tenantId, authorityHost, retry, sleeper, listener, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: {@code random} in [0, 1) picks the jittered backoff. */
    RetryingTokenProvider(AccessTokenProvider delegate, String tenantId, URI authorityHost, RetrySettings retry,
                          Sleeper sleeper, GraphCallListener listener, DoubleSupplier random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.authorityHost = Objects.requireNonNull(authorityHost, "authorityHost");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? GraphCallListener.NONE : listener;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized String accessToken() {
        return withRetries(delegate::accessToken);
    }

    @Override
    public synchronized String refreshAccessToken() {
        return withRetries(delegate::refreshAccessToken);
    }

    /** Failed attempts that were tried again, since this provider was made. */
    public long retries() {
        return retries.sum();
    }

    private String withRetries(Supplier<String> attempt) {
        for (int failed = 0; ; ) {
            try {
                String token = attempt.get();
                if (failed > 0) {
                    log.info("Token endpoint {} for tenant {}: token obtained on attempt {}", authorityHost, tenantId,
                            failed + 1);
                }
                return token;
            } catch (AuthenticationFailure e) {
                if (!e.retryable()) {
                    throw e;
                }
                failed++;
                if (failed >= retry.maxAttempts()) {
                    throw exhausted(e, failed);
                }
                int failedAttempt = failed;
                Duration wait = e.retryAfter().orElseGet(() -> retry.backoff(failedAttempt, random.getAsDouble()));
                retries.increment();
                listener.retrying(authorityHost, failed, e.transientCause(), wait);
                log.warn("Token endpoint {} for tenant {}: attempt {}/{} failed ({}); retrying in {} ms", authorityHost,
                        tenantId, failed, retry.maxAttempts(), e.transientCause(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    private AuthenticationFailure exhausted(AuthenticationFailure last, int attempts) {
        return new AuthenticationFailure(AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE,
                "Could not obtain a token for tenant " + tenantId + " from " + authorityHost + ": " + attempts
                        + (attempts == 1 ? " attempt failed, because " : " attempts failed, the last because ")
                        + last.transientCause() + ". This is not a credential problem; the next run tries again.",
                last.aadstsCode(), last.traceId(), last.correlationId());
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailure(AuthenticationFailure.Reason.OTHER,
                    "Interrupted while waiting to retry the token endpoint for tenant " + tenantId, null, null, null);
        }
    }

    @Override
    public String toString() {
        return "RetryingTokenProvider[" + delegate + ", maxAttempts=" + retry.maxAttempts() + "]";
    }
}
