package com.entralake.graph;

import java.util.concurrent.Semaphore;

/**
 * How many collection pages the JVM holds at once, whatever the number of tenants and lanes collecting.
 *
 * <p>A page of 1,000 sign-ins is about 30 MB on the heap while it is parsed, normalised and written (its bytes, its
 * JSON tree and its Avro records). Fifty tenants collected at once each held one: 1.5 GB, and a 256 MiB heap ran
 * out. A thread now takes a place after the throttle budget lets its request go and before it is sent, and keeps it
 * until the page has been written ({@link #releaseThisThread()}, called by the step's reader before it reads the next
 * page and when it closes). Waiting for the budget holds no place, so a tenant that waits for Graph does not keep
 * others from working; a failed attempt gives its place back before it backs off.
 */
public final class InFlightPages {

    /** What one page in flight may take on the heap (measured: about 30 MB for 1,000 sign-ins). */
    static final long BYTES_PER_PAGE = 32L * 1024 * 1024;
    /** What the rest of the collector needs on the heap: schemas, Spring, Hadoop, the job repository. */
    static final long RESERVED = 112L * 1024 * 1024;
    /**
     * An open window's Parquet writer and the records it holds back (measured: about 1.2 MB); a whole day's writer
     * holds up to one row group more (ParquetSettings.WHOLE_DAY_ROW_GROUP_SIZE, 1 MiB).
     */
    static final long BYTES_PER_OPEN_WRITER = 5L * 1024 * 1024 / 2;
    /** Open writers per tenant collected at once: its event lane and one other. */
    static final int WRITERS_PER_TENANT = 2;

    private final int places;
    private final Semaphore free;
    private final ThreadLocal<Boolean> held = ThreadLocal.withInitial(() -> false);

    public InFlightPages(int places) {
        if (places < 1) {
            throw new IllegalArgumentException("at least one page must be allowed in flight: " + places);
        }
        this.places = places;
        this.free = new Semaphore(places, true);
    }

    /**
     * As many pages as fit in a heap of {@code maxHeapBytes} beside the collector's own needs and the open writers
     * of {@code tenantsAtOnce} tenants; at least one, so that a heap too small for many tenants at once makes them
     * take turns instead of running out of memory.
     */
    public static InFlightPages forHeap(long maxHeapBytes, int tenantsAtOnce) {
        long fit = (maxHeapBytes - RESERVED - (long) tenantsAtOnce * WRITERS_PER_TENANT * BYTES_PER_OPEN_WRITER) / BYTES_PER_PAGE;
        return new InFlightPages((int) Math.max(1, Math.min(256, fit)));
    }

    /** The heap with which {@code tenantsAtOnce} tenants each have a page in flight whenever they want one. */
    public static long heapForEveryTenant(int tenantsAtOnce) {
        return RESERVED + (long) tenantsAtOnce * (WRITERS_PER_TENANT * BYTES_PER_OPEN_WRITER + BYTES_PER_PAGE);
    }

    public int places() {
        return places;
    }

    /** Takes a place for this thread's next page, unless it holds one already (a retry of the same page). */
    void admitThisThread() {
        if (held.get()) {
            return;
        }
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a place for a Graph page", e);
        }
        held.set(true);
    }

    /** Gives back this thread's place, if it holds one: its page has been written (or was never received). */
    public void releaseThisThread() {
        if (held.get()) {
            held.set(false);
            free.release();
        }
    }

    /** Places free right now (tests, diagnostics). */
    int available() {
        return free.availablePermits();
    }
}
