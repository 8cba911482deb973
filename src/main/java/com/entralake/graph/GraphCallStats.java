package com.entralake.graph;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of what the Graph client did, for the run report. */
public final class GraphCallStats implements GraphCallListener {

    private final LongAdder requests = new LongAdder();
    private final LongAdder pages = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder throttledNanos = new LongAdder();
    /**
     * Retries and throttles of the calling thread: a tenant's data types run in lanes at once on one session, and a
     * step counts only what its own requests cost.
     */
    private final ThreadLocal<long[]> ofThisThread = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public void requestSent(URI url, int attempt) {
        requests.increment();
    }

    @Override
    public void pageReceived(URI url, int recordCount, int bytes) {
        pages.increment();
        records.add(recordCount);
        bodyBytes.add(bytes);
    }

    @Override
    public void retrying(URI url, int failedAttempt, String reason, Duration wait) {
        retries.increment();
        ofThisThread.get()[0]++;
    }

    @Override
    public void throttled(URI url, Duration retryAfter) {
        throttles.increment();
        throttledNanos.add(retryAfter.toNanos());
        ofThisThread.get()[1]++;
    }

    public long requests() {
        return requests.sum();
    }

    public long pages() {
        return pages.sum();
    }

    public long records() {
        return records.sum();
    }

    public long bodyBytes() {
        return bodyBytes.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** The retries of the requests this thread sent. */
    public long retriesOfThisThread() {
        return ofThisThread.get()[0];
    }

    /** The throttled answers to the requests this thread sent. */
    public long throttlesOfThisThread() {
        return ofThisThread.get()[1];
    }

    public long throttles() {
        return throttles.sum();
    }

    public Duration throttledTime() {
        return Duration.ofNanos(throttledNanos.sum());
    }

    @Override
    public String toString() {
        return "requests=" + requests() + ", pages=" + pages() + ", records=" + records() + ", retries=" + retries()
                + ", throttles=" + throttles() + " (" + throttledTime().toSeconds() + " s)";
    }
}
