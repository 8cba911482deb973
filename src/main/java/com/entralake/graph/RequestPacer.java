package com.entralake.graph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import com.entralake.catalog.ThrottleClass;

/**
 * Paces one tenant's Graph requests so the collector spends Microsoft's budget instead of collecting
 * 429s. Each throttle class has a sliding window: at most {@code limit} requests in any {@code window},
 * shared by every data type of the class, as Graph counts it. Graph counts a request when it arrives, which
 * this side cannot see: a request counts from when it was sent until its answer comes back
 * ({@link Permit#answered()}) and from then on at the answer's time, which is never before its arrival — so a
 * request sent a window after an earlier one's answer arrives after the earlier one left Graph's window too. Share one pacer among every thread and step
 * of a tenant. After a 429, {@link #penalize} makes every thread of that class wait out the
 * {@code Retry-After} (or the client's own backoff where Graph sends none); other classes go on, because
 * Graph counts their budgets apart.
 */
public final class RequestPacer {

    /** At most {@code limit} requests in any window of length {@code window}. */
    public record Budget(int limit, Duration window) {
        public Budget {
            Objects.requireNonNull(window, "window");
            if (limit < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("budget needs limit >= 1 and a positive window: " + limit + "/" + window);
            }
        }

        /** Microsoft's published budget of the class. */
        public static Budget of(ThrottleClass throttle) {
            return new Budget(throttle.limit(), throttle.window());
        }
    }

    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Map<ThrottleClass, SlidingWindow> windows = new EnumMap<>(ThrottleClass.class);
    private final Object lock = new Object();

    /** {@code budgets} overrides Microsoft's budget for some classes (configuration, tests); the rest keep theirs. */
    public RequestPacer(Map<ThrottleClass, Budget> budgets, Ticker ticker, Sleeper sleeper) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        for (ThrottleClass throttle : ThrottleClass.values()) {
            windows.put(throttle, new SlidingWindow(budgets.getOrDefault(throttle, Budget.of(throttle))));
        }
    }

    /** Microsoft's published budgets, real time. */
    public static RequestPacer withDefaults() {
        return new RequestPacer(Map.of(), Ticker.SYSTEM, Sleeper.REAL);
    }

    /** Blocks until a request of this class may be sent, and counts it as sent; answer the permit when it is answered. */
    public Permit acquire(ThrottleClass throttle) throws InterruptedException {
        SlidingWindow window = windows.get(Objects.requireNonNull(throttle, "throttle"));
        while (true) {
            long wait;
            synchronized (lock) {
                long now = ticker.nanoTime();
                wait = window.pausedFor(now);
                if (wait == 0) {
                    long[] taken = new long[1];
                    wait = window.tryTake(now, taken);
                    if (wait == 0) {
                        return new Permit(taken);
                    }
                }
            }
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** One request's place in its class's window. */
    public final class Permit {
        private final long[] countedAt;

        private Permit(long[] countedAt) {
            this.countedAt = countedAt;
        }

        /** The answer (or the failure) came back: the request counts from now, the latest its arrival can be. */
        public void answered() {
            synchronized (lock) {
                countedAt[0] = Math.max(countedAt[0], ticker.nanoTime());
            }
        }
    }

    /** No request of this class is sent until {@code retryAfter} from now has passed (longer pauses win). */
    public void penalize(ThrottleClass throttle, Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            return;
        }
        synchronized (lock) {
            windows.get(throttle).pauseUntil(ticker.nanoTime() + retryAfter.toNanos());
        }
    }

    /**
     * The counted times of the last {@code limit} requests (each its send time until answered, then its answer
     * time); a send is allowed when one of them left the window. Answers come back out of order, so the
     * entries are not sorted: a budget holds at most a thousand, scanned each time.
     */
    private static final class SlidingWindow {
        private final int limit;
        private final long windowNanos;
        private final java.util.List<long[]> counted = new java.util.ArrayList<>();
        private long pausedUntil;
        private boolean paused;

        void pauseUntil(long until) {
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
                paused = true;
            }
        }

        /** How long a pause still holds, 0 when there is none. */
        long pausedFor(long now) {
            if (paused && now - pausedUntil < 0) {
                return pausedUntil - now;
            }
            paused = false;
            return 0;
        }

        SlidingWindow(Budget budget) {
            this.limit = budget.limit();
            this.windowNanos = budget.window().toNanos();
        }

        /** 0 when the send was recorded (in {@code taken}), else how long to wait before asking again. */
        long tryTake(long now, long[] taken) {
            counted.removeIf(t -> now - t[0] >= windowNanos);
            if (counted.size() < limit) {
                taken[0] = now;
                counted.add(taken);
                return 0;
            }
            long oldest = counted.stream().mapToLong(t -> t[0]).min().orElse(now);
            return Math.max(1, oldest + windowNanos - now);
        }
    }
}
