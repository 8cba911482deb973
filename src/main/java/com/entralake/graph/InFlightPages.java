package com.entralake.graph;

import java.util.concurrent.Semaphore;

import com.entralake.memory.HeapPlan;

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

    /** As many places as {@link HeapPlan} gives a heap of {@code maxHeapBytes} serving {@code tenantsAtOnce} tenants. */
    public static InFlightPages forHeap(long maxHeapBytes, int tenantsAtOnce) {
        return new InFlightPages(HeapPlan.forHeap(maxHeapBytes, tenantsAtOnce).pagesInFlight());
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
