package com.entralake.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which range of aligned windows a run collects.
 *
 * <ul>
 *   <li>The range ends at the last window boundary at or before {@code now - lag}: the newest events are
 *       left for the next run, because Graph shows them late.</li>
 *   <li>The first run starts {@code backfill} before that end.</li>
 *   <li>Later runs start at the watermark (no gap), or earlier, at the first window of the lookback
 *       horizon: those windows are read again and rewritten whole, which is how late and re-published
 *       records land exactly once.</li>
 * </ul>
 */
public final class RangePlanner {

    private final Duration window;
    private final Duration backfill;
    private final Duration lag;
    private final Duration lookback;

    public RangePlanner(Duration window, Duration backfill, Duration lag, Duration lookback) {
        this.window = window;
        this.backfill = backfill;
        this.lag = lag;
        this.lookback = lookback;
    }

    public Optional<TimeWindow> plan(Optional<Instant> watermark, Instant now) {
        Instant end = TimeWindow.alignDown(now.minus(lag), window);
        Instant start = watermark
                .map(w -> min(w, TimeWindow.alignDown(end.minus(lookback), window)))
                .orElseGet(() -> TimeWindow.alignDown(end.minus(backfill), window));
        return start.isBefore(end) ? Optional.of(new TimeWindow(start, end)) : Optional.empty();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
