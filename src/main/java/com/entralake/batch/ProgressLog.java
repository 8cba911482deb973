package com.entralake.batch;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines during a long collection: records so far, rate, and for event ranges how much of the
 * range is left and an estimate of the time left. Throttled to one line per interval (real time).
 */
final class ProgressLog {

    private static final Logger log = LoggerFactory.getLogger("com.entralake.progress");

    private final String label;
    private final Duration interval;
    private final long startedNanos = System.nanoTime();
    private long lastLogNanos = startedNanos;

    ProgressLog(String label, Duration interval) {
        this.label = label;
        this.interval = interval;
    }

    /** For event ranges read newest first: {@code position} is the oldest time reached so far in [start, end). */
    void eventsProgress(long records, Instant start, Instant end, Instant position) {
        if (!due()) {
            return;
        }
        double seconds = elapsedSeconds();
        double total = Duration.between(start, end).toMillis();
        double done = Math.min(total, Math.max(0, Duration.between(position, end).toMillis()));
        String eta = done <= 0 ? "unknown" : formatDuration(Duration.ofMillis((long) (seconds * 1000 * (total - done) / done)));
        log.info("{}: {} records in {} ({} records/s); reached {}, {} of the range done, about {} left",
                label, String.format("%,d", records), formatDuration(elapsed()), String.format("%,.0f", records / Math.max(seconds, 0.001)),
                position, String.format("%.0f%%", 100 * done / total), eta);
    }

    void snapshotProgress(long records) {
        if (!due()) {
            return;
        }
        log.info("{}: {} records in {} ({} records/s)", label, String.format("%,d", records),
                formatDuration(elapsed()), String.format("%,.0f", records / Math.max(elapsedSeconds(), 0.001)));
    }

    private boolean due() {
        long now = System.nanoTime();
        if (now - lastLogNanos < interval.toNanos()) {
            return false;
        }
        lastLogNanos = now;
        return true;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
