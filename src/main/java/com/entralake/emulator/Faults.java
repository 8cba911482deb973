package com.entralake.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Switchable misbehaviour, per tenant, thread safe, applied to Graph requests (not the token endpoint). The tenant of
 * a Graph request is the tid of its bearer token.
 */
public final class Faults {
    /** Graph's audit-log limit: 5 requests per 10 s per tenant (sliding window, real time). */
    public static final int AUDIT_LIMIT = 5;
    public static final Duration AUDIT_WINDOW = Duration.ofSeconds(10);

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Function<String, EmulatedTenant> tenants;

    Faults(Function<String, EmulatedTenant> tenants) {
        this.tenants = tenants;
    }

    static final class State {
        volatile boolean throttleAuditLogs;
        final ArrayDeque<Long> auditRequests = new ArrayDeque<>();
        int failNext;
        int failStatus = 503;
        int resetNext;
        int truncateNext;
        volatile Duration delay = Duration.ZERO;
        volatile int loopAtPage;
        volatile int failFromPage;
    }

    State state(String tenantId) {
        return states.computeIfAbsent(tenantId == null ? "" : tenantId.toLowerCase(), k -> new State());
    }

    /** Enforce 5 requests / 10 s on auditLogs/* (429 TooManyRequests with a fractional Retry-After). */
    public void throttleAuditLogs(String tenantId, boolean enabled) {
        State s = state(tenantId);
        synchronized (s) {
            s.throttleAuditLogs = enabled;
            s.auditRequests.clear();
        }
    }

    /** The next {@code count} Graph requests answer {@code status} (500, 502, 503 or 504) with Graph error JSON. */
    public void failNext(String tenantId, int count, int status) {
        if (status != 500 && status != 502 && status != 503 && status != 504) {
            throw new IllegalArgumentException("status must be 500, 502, 503 or 504");
        }
        State s = state(tenantId);
        synchronized (s) {
            s.failNext = count;
            s.failStatus = status;
        }
    }

    /** The next {@code count} Graph requests get their connection closed without any response. */
    public void resetNext(String tenantId, int count) {
        State s = state(tenantId);
        synchronized (s) {
            s.resetNext = count;
        }
    }

    /** Every Graph request waits {@code delay} before being answered (Duration.ZERO to clear). */
    public void slow(String tenantId, Duration delay) {
        state(tenantId).delay = delay;
    }

    /** The next {@code count} Graph responses announce the full Content-Length but send only half the body, then close. */
    public void truncateNext(String tenantId, int count) {
        State s = state(tenantId);
        synchronized (s) {
            s.truncateNext = count;
        }
    }

    /** Page {@code atPage} (>= 2) of every query carries the same nextLink as page 1, i.e. points back to page 2. 0 clears. */
    public void nextLinkLoop(String tenantId, int atPage) {
        if (atPage == 1) {
            throw new IllegalArgumentException("atPage must be >= 2 (or 0 to clear)");
        }
        state(tenantId).loopAtPage = atPage;
    }

    /** From page {@code page} (>= 1) of any query onwards, answer 500 until cleared (0 clears). */
    public void failFromPage(String tenantId, int page) {
        state(tenantId).failFromPage = page;
    }

    public void clearFailFromPage(String tenantId) {
        failFromPage(tenantId, 0);
    }

    /** Licence change at runtime (FREE: 403 on sign-ins, 7-day retention). */
    public void setLicense(String tenantId, License license) {
        tenants.apply(tenantId).setLicense(license);
    }

    /** Granted roles change at runtime; tokens issued afterwards carry the new roles. */
    public void setRoles(String tenantId, String clientId, Set<String> roles) {
        tenants.apply(tenantId).setRoles(clientId, roles);
    }

    /** Clears all faults of a tenant (licence and roles stay as they are). */
    public void clear(String tenantId) {
        states.remove(tenantId.toLowerCase());
    }

    public void clearAll() {
        states.clear();
    }

    // --- used by the server ---

    boolean takeReset(String tenantId) {
        State s = state(tenantId);
        synchronized (s) {
            if (s.resetNext > 0) {
                s.resetNext--;
                return true;
            }
            return false;
        }
    }

    /** Returns 0 if allowed (and counts the request), else the nanoseconds to wait. */
    long throttle(String tenantId, long nowNanos) {
        State s = state(tenantId);
        synchronized (s) {
            if (!s.throttleAuditLogs) {
                return 0;
            }
            long window = AUDIT_WINDOW.toNanos();
            while (!s.auditRequests.isEmpty() && nowNanos - s.auditRequests.peekFirst() >= window) {
                s.auditRequests.pollFirst();
            }
            if (s.auditRequests.size() >= AUDIT_LIMIT) {
                return s.auditRequests.peekFirst() + window - nowNanos;
            }
            s.auditRequests.addLast(nowNanos);
            return 0;
        }
    }

    int takeFailure(String tenantId) {
        State s = state(tenantId);
        synchronized (s) {
            if (s.failNext > 0) {
                s.failNext--;
                return s.failStatus;
            }
            return 0;
        }
    }

    boolean takeTruncate(String tenantId) {
        State s = state(tenantId);
        synchronized (s) {
            if (s.truncateNext > 0) {
                s.truncateNext--;
                return true;
            }
            return false;
        }
    }
}
