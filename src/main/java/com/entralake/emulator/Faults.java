package com.entralake.emulator;

import com.entralake.catalog.ThrottleClass;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Switchable misbehaviour, per tenant, thread safe. The Graph faults apply to Graph requests (the tenant of a Graph
 * request is the tid of its bearer token); the token endpoint faults, in their own section at the end, apply to
 * {@code /{tenant}/oauth2/v2.0/token} (the tenant of the path).
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
        /** Graph's budget per throttle class, enforced when the test (or --throttle) turns it on. */
        final Map<ThrottleClass, ArrayDeque<Long>> throttled = new java.util.EnumMap<>(ThrottleClass.class);
        int failNext;
        int failStatus = 503;
        int resetNext;
        int truncateNext;
        volatile Duration delay = Duration.ZERO;
        volatile int loopAtPage;
        volatile int failFromPage;
        /** Per dataset: its requests seen so far, and which of them fail (see {@link #failRequestsOf}). */
        final Map<String, int[]> typeFailures = new java.util.HashMap<>();
    }

    State state(String tenantId) {
        return states.computeIfAbsent(tenantId == null ? "" : tenantId.toLowerCase(), k -> new State());
    }

    /** Enforce 5 requests / 10 s on the audit logs and reports (429 TooManyRequests with a fractional Retry-After). */
    public void throttleAuditLogs(String tenantId, boolean enabled) {
        throttle(tenantId, ThrottleClass.REPORTS, enabled);
    }

    /**
     * Enforce Microsoft's budget of a throttle class for this tenant, shared by every data type of the class: beyond
     * it Graph answers 429, with a {@code Retry-After} only for the classes that send one (identity protection and
     * conditional access do not).
     */
    public void throttle(String tenantId, ThrottleClass throttle, boolean enabled) {
        State s = state(tenantId);
        synchronized (s) {
            if (enabled) {
                s.throttled.put(throttle, new ArrayDeque<>());
            } else {
                s.throttled.remove(throttle);
            }
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

    /** The products (Intune, Workload ID Premium) the tenant holds from now on; every one until this is called. */
    public void setProducts(String tenantId, Set<Product> held) {
        tenants.apply(tenantId).setProducts(held);
    }

    /** Granted roles change at runtime; tokens issued afterwards carry the new roles. */
    public void setRoles(String tenantId, String clientId, Set<String> roles) {
        tenants.apply(tenantId).setRoles(clientId, roles);
    }

    /** Clears all faults of a tenant (licence and roles stay as they are). */
    public void clear(String tenantId) {
        states.remove(tenantId.toLowerCase());
        clearTokenFaults(tenantId);
    }

    public void clearAll() {
        states.clear();
        tokenStates.clear();
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
    long throttle(String tenantId, ThrottleClass throttle, long nowNanos) {
        State s = state(tenantId);
        synchronized (s) {
            ArrayDeque<Long> requests = s.throttled.get(throttle);
            if (requests == null) {
                return 0;
            }
            long window = throttle.window().toNanos();
            while (!requests.isEmpty() && nowNanos - requests.peekFirst() >= window) {
                requests.pollFirst();
            }
            if (requests.size() >= throttle.limit()) {
                return requests.peekFirst() + window - nowNanos;
            }
            requests.addLast(nowNanos);
            return 0;
        }
    }

    /**
     * Requests {@code first} to {@code first + count - 1} (1-based) of one data type answer {@code status}; the
     * tenant's other types are untouched, however their lanes interleave. A 429 is the tenant's budget spent by
     * another app: with {@code Retry-After} where the type's throttle class sends one, without it where not.
     */
    public void failRequestsOf(String tenantId, String dataset, int first, int count, int status) {
        State s = state(tenantId);
        synchronized (s) {
            s.typeFailures.put(dataset, new int[] {0, first, count, status});
        }
    }

    /** The status a fault armed for this request of the type answers with, or 0. */
    int takeTypeFailure(String tenantId, String dataset) {
        State s = state(tenantId);
        synchronized (s) {
            int[] plan = s.typeFailures.get(dataset);
            if (plan == null) {
                return 0;
            }
            int request = ++plan[0];
            return request >= plan[1] && request < plan[1] + plan[2] ? plan[3] : 0;
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

    // ================================================================== token endpoint faults
    //
    // Kept apart from the Graph faults above: their own state, their own methods. What Entra's token endpoint answers
    // when it is unwell, and where that is written down:
    // - 503 with an Entra error body, error "temporarily_unavailable" and AADSTS90033 ("A transient error has
    //   occurred. Please try again."): seen from login.microsoftonline.com and quoted in Azure/azure-sdk-for-python#14241.
    //   500, 502 and 504 with the same body: unverified (Entra's 5xx bodies are not documented), but a client must
    //   treat every 5xx alike anyway.
    // - "temporarily_unavailable: the server is temporarily too busy ... Retry the request", and AADSTS50033, 90006,
    //   90024, 90033, 90090 as transient: Entra's error-code reference (MicrosoftDocs/entra-docs,
    //   docs/identity-platform/reference-error-codes.md).
    // - 503 + Retry-After when too busy, 429 + Retry-After when throttling: what ESTS told the MSAL team
    //   (AzureAD/microsoft-authentication-library-for-dotnet#3907). The 429's body (AADSTS90055 TenantThrottlingError
    //   below) is unverified.
    // - A 5xx whose body is an HTML page, a reset, a hang: what a proxy, a load balancer or the network does in front
    //   of any endpoint; not Entra's own answers.

    /** What one token request meets instead of (or before) its normal answer. */
    enum TokenFaultKind {
        /** A 5xx with Entra's error body (temporarily_unavailable, AADSTS90033). */
        SERVER_ERROR,
        /** A 5xx whose body is a proxy's HTML page, not JSON. */
        GATEWAY_PAGE,
        /** 429 with Retry-After and an Entra error body. */
        THROTTLED,
        /** The connection is closed without any response. */
        RESET,
        /** The answer (whatever it would have been) comes only after a delay. */
        DELAY
    }

    record TokenFault(TokenFaultKind kind, int status, int retryAfterSeconds, Duration delay) {
    }

    static final class TokenState {
        final ArrayDeque<TokenFault> next = new ArrayDeque<>();
        volatile Duration lifetime;
    }

    private final Map<String, TokenState> tokenStates = new ConcurrentHashMap<>();

    private TokenState tokenState(String tenantId) {
        return tokenStates.computeIfAbsent(tenantId == null ? "" : tenantId.toLowerCase(), k -> new TokenState());
    }

    /**
     * The next {@code count} token requests of the tenant answer {@code status} (500, 502, 503 or 504) with Entra's
     * error body: {@code temporarily_unavailable}, AADSTS90033. Token faults queue up in the order they are armed,
     * so a test can script a burst (two 503s, then a reset, then a hang).
     */
    public void tokenServerErrorNext(String tenantId, int count, int status) {
        enqueue(tenantId, count, new TokenFault(TokenFaultKind.SERVER_ERROR, requireServerError(status), 0, Duration.ZERO));
    }

    /** The next {@code count} token requests answer {@code status} (500, 502, 503 or 504) with a proxy's HTML page. */
    public void tokenGatewayPageNext(String tenantId, int count, int status) {
        enqueue(tenantId, count, new TokenFault(TokenFaultKind.GATEWAY_PAGE, requireServerError(status), 0, Duration.ZERO));
    }

    /** The next {@code count} token requests answer 429 with {@code Retry-After: retryAfterSeconds} (1 or more). */
    public void tokenThrottledNext(String tenantId, int count, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least 1 second");
        }
        enqueue(tenantId, count, new TokenFault(TokenFaultKind.THROTTLED, 429, retryAfterSeconds, Duration.ZERO));
    }

    /**
     * The next {@code count} token requests get their connection closed without a response. The JDK's
     * HttpURLConnection, which MSAL4J uses, sends a POST once more on such a connection by itself
     * ({@code sun.net.http.retryPost}), so one token acquisition meets two resets.
     */
    public void tokenResetNext(String tenantId, int count) {
        enqueue(tenantId, count, new TokenFault(TokenFaultKind.RESET, -1, 0, Duration.ZERO));
    }

    /** The next {@code count} token requests are answered only after {@code delay} (longer than the client's read timeout: a hang). */
    public void tokenDelayNext(String tenantId, int count, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive");
        }
        enqueue(tenantId, count, new TokenFault(TokenFaultKind.DELAY, 0, 0, delay));
    }

    /**
     * Access tokens issued from now on live {@code lifetime} (null: Entra's usual 3599 s). Entra itself issues 60 to
     * 90 minutes and accepts no configured lifetime under 10 minutes; a test uses a few minutes so that the client,
     * which reuses a token only while more than 5 minutes are left, fetches a new token for every Graph request.
     */
    public void tokenLifetime(String tenantId, Duration lifetime) {
        tokenState(tenantId).lifetime = lifetime;
    }

    /** Clears the token endpoint faults (and token lifetime) of a tenant. */
    public void clearTokenFaults(String tenantId) {
        tokenStates.remove(tenantId.toLowerCase());
    }

    private void enqueue(String tenantId, int count, TokenFault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        TokenState s = tokenState(tenantId);
        synchronized (s) {
            for (int i = 0; i < count; i++) {
                s.next.addLast(fault);
            }
        }
    }

    private static int requireServerError(int status) {
        if (status != 500 && status != 502 && status != 503 && status != 504) {
            throw new IllegalArgumentException("status must be 500, 502, 503 or 504");
        }
        return status;
    }

    /** The fault the next token request of this tenant meets, or null. */
    TokenFault takeTokenFault(String tenantId) {
        TokenState s = tokenStates.get(tenantId == null ? "" : tenantId.toLowerCase());
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.next.pollFirst();
        }
    }

    /** The lifetime of tokens issued now, or null for the default. */
    Duration tokenLifetime(String tenantId) {
        TokenState s = tokenStates.get(tenantId == null ? "" : tenantId.toLowerCase());
        return s == null ? null : s.lifetime;
    }
}
