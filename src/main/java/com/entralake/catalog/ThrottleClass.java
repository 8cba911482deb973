package com.entralake.catalog;

import java.time.Duration;

/**
 * Microsoft's throttling budgets (graph-reference.md and learn.microsoft.com/graph/throttling-limits): each
 * is counted per app and tenant and shared by every data type of the class, so one tenant's types of one
 * class draw from one budget.
 */
public enum ThrottleClass {
    /** Identity and access reports (sign-ins, audits, provisioning, registration details): 5 requests / 10 s. */
    REPORTS(5, Duration.ofSeconds(10), true),
    /**
     * Identity protection and conditional access: 1 request per second per tenant for all apps, and a 429 carries
     * no {@code Retry-After} — the client backs off on its own.
     */
    IDENTITY_PROTECTION(1, Duration.ofSeconds(1), false),
    /** Directory reads: a resource-unit bucket (3,500 RU / 10 s for a small tenant) far above what paging needs. */
    DIRECTORY(100, Duration.ofSeconds(10), true),
    /** Intune: 1,000 requests / 20 s per app per tenant. */
    INTUNE(1000, Duration.ofSeconds(20), true);

    private final int limit;
    private final Duration window;
    private final boolean sendsRetryAfter;

    ThrottleClass(int limit, Duration window, boolean sendsRetryAfter) {
        this.limit = limit;
        this.window = window;
        this.sendsRetryAfter = sendsRetryAfter;
    }

    /** Requests allowed in any {@link #window()}. */
    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** Whether Graph's 429s for this class say how long to wait. */
    public boolean sendsRetryAfter() {
        return sendsRetryAfter;
    }

    public String describe() {
        return limit + " request(s) / " + window.toSeconds() + " s";
    }
}
