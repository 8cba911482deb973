package com.entralake.graph;

import java.net.URI;
import java.time.Duration;

/** Hooks for metrics. Called on the requesting thread; implementations must be thread-safe and fast. */
public interface GraphCallListener {

    GraphCallListener NONE = new GraphCallListener() {
    };

    /** A request is about to be sent (every attempt). */
    default void requestSent(URI url, int attempt) {
    }

    /** A page arrived complete and parsed. */
    default void pageReceived(URI url, int records, int bodyBytes) {
    }

    /** A failed attempt will be retried after {@code wait}; {@code reason} is e.g. "HTTP 503" or "connection reset". */
    default void retrying(URI url, int failedAttempt, String reason, Duration wait) {
    }

    /** Graph answered 429; the tenant's requests pause for {@code retryAfter}. */
    default void throttled(URI url, Duration retryAfter) {
    }
}
