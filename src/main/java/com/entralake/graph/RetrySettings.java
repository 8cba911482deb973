package com.entralake.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the Graph client tries. Transient failures (5xx, resets, timeouts, truncated bodies) wait
 * a capped exponential backoff with full jitter: a random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}
 * before attempt {@code n + 1}; a 429 waits its {@code Retry-After} instead, when it has one.
 *
 * @param maxAttempts    total attempts per request, first one included (default 8)
 * @param baseDelay      backoff base (default 1 s)
 * @param maxDelay       backoff cap (default 60 s)
 * @param requestTimeout how long one request may take from send to the last body byte (default 120 s);
 *                       the JDK HttpClient has no read timeout otherwise
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration requestTimeout) {

    public static final RetrySettings DEFAULTS =
            new RetrySettings(8, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(120));

    public RetrySettings {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay: " + baseDelay + ", " + maxDelay);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
    }

    /** The upper bound of the jittered wait before attempt {@code failedAttempts + 1}. */
    public Duration backoffCeiling(int failedAttempts) {
        int exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long nanos = baseDelay.toNanos();
        long ceiling = nanos > (Long.MAX_VALUE >> exponent) ? Long.MAX_VALUE : nanos << exponent;
        return Duration.ofNanos(Math.min(ceiling, maxDelay.toNanos()));
    }

    /** {@code random} in [0, 1): full jitter over {@link #backoffCeiling}. */
    public Duration backoff(int failedAttempts, double random) {
        return Duration.ofNanos((long) (backoffCeiling(failedAttempts).toNanos() * random));
    }
}
