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
 *   <li>A later run starts at the watermark (no gap) or earlier: at the first window that the previous
 *       run read less than {@code lookback} after the window ended. Late records can still appear in
 *       such a window, so it is read again and rewritten whole — whatever the time between runs. A
 *       window read at least {@code lookback} after its end is settled and never read again.</li>
 * </ul>
 */
public final class RangePlanner {

    /** The range a completed run covered, and when it read it (its job clock). */
    public record CompletedRange(Instant start, Instant end, Instant readAt) {
    }

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

    public Optional<TimeWindow> plan(Optional<CompletedRange> last, Instant now) {
        Instant end = TimeWindow.alignDown(now.minus(lag), window);
        Instant start = last
                .map(l -> min(l.end(), TimeWindow.alignDown(l.readAt().minus(lookback), window)))
                .orElseGet(() -> TimeWindow.alignDown(end.minus(backfill), window));
        return start.isBefore(end) ? Optional.of(new TimeWindow(start, end)) : Optional.empty();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
