package com.entralake.graph;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Paces one tenant's Graph requests so the collector spends Microsoft's budget instead of collecting
 * 429s. Each endpoint class has a sliding window: at most {@code limit} sends in any {@code window}.
 * Share one pacer among every thread and step of a tenant. After a 429, {@link #penalize} makes every
 * thread of the tenant wait out the {@code Retry-After}.
 */
public final class RequestPacer {

    /** Audit-log and report endpoints: Microsoft's limit of 5 requests per 10 s per app per tenant. */
    public static final String AUDIT_LOGS = "auditLogs";
    /** Directory reads (users, groups, ...): a cost-based budget far above what paging needs. */
    public static final String DIRECTORY = "directory";

    public static final Budget DEFAULT_AUDIT_LOGS_BUDGET = new Budget(5, Duration.ofSeconds(10));
    public static final Budget DEFAULT_DIRECTORY_BUDGET = new Budget(100, Duration.ofSeconds(10));

    /** At most {@code limit} requests in any window of length {@code window}. */
    public record Budget(int limit, Duration window) {
        public Budget {
            Objects.requireNonNull(window, "window");
            if (limit < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("budget needs limit >= 1 and a positive window: " + limit + "/" + window);
            }
        }
    }

    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Map<String, SlidingWindow> windows;
    private final Object lock = new Object();
    private long pausedUntil;
    private boolean paused;

    public RequestPacer(Budget auditLogs, Budget directory, Ticker ticker, Sleeper sleeper) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.windows = Map.of(AUDIT_LOGS, new SlidingWindow(auditLogs), DIRECTORY, new SlidingWindow(directory));
    }

    /** Microsoft's published budgets, real time. */
    public static RequestPacer withDefaults() {
        return new RequestPacer(DEFAULT_AUDIT_LOGS_BUDGET, DEFAULT_DIRECTORY_BUDGET, Ticker.SYSTEM, Sleeper.REAL);
    }

    /** The endpoint class of a Graph URL: audit logs and reports share the 5 / 10 s budget. */
    public static String endpointClassOf(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        return path.contains("/auditlogs/") || path.endsWith("/auditlogs") || path.contains("/reports/")
                ? AUDIT_LOGS : DIRECTORY;
    }

    /** Blocks until a request of this class may be sent, and counts it as sent. Unknown classes use the directory budget. */
    public void acquire(String endpointClass) throws InterruptedException {
        SlidingWindow window = windows.getOrDefault(endpointClass, windows.get(DIRECTORY));
        while (true) {
            long wait;
            synchronized (lock) {
                long now = ticker.nanoTime();
                if (paused && now - pausedUntil < 0) {
                    wait = pausedUntil - now;
                } else {
                    paused = false;
                    wait = window.tryTake(now);
                    if (wait == 0) {
                        return;
                    }
                }
            }
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** No request of this tenant is sent until {@code retryAfter} from now has passed (longer pauses win). */
    public void penalize(Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            return;
        }
        synchronized (lock) {
            long until = ticker.nanoTime() + retryAfter.toNanos();
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
                paused = true;
            }
        }
    }

    /** Send times of the last {@code limit} requests; a send is allowed when the oldest left the window. */
    private static final class SlidingWindow {
        private final int limit;
        private final long windowNanos;
        private final ArrayDeque<Long> sent = new ArrayDeque<>();

        SlidingWindow(Budget budget) {
            this.limit = budget.limit();
            this.windowNanos = budget.window().toNanos();
        }

        /** 0 when the send was recorded, else how long to wait before asking again. */
        long tryTake(long now) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.pollFirst();
            }
            if (sent.size() < limit) {
                sent.addLast(now);
                return 0;
            }
            return sent.peekFirst() + windowNanos - now;
        }
    }
}
