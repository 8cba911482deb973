package com.entralake.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** A half-open UTC interval {@code [start, end)}: the unit in which event records are committed. */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("empty window " + start + " .. " + end);
        }
    }

    /** The aligned window of {@code size} that contains {@code instant}. */
    public static TimeWindow containing(Instant instant, Duration size) {
        Instant start = alignDown(instant, size);
        return new TimeWindow(start, start.plus(size));
    }

    /** The latest boundary of a {@code size} grid (aligned on the Unix epoch, so on UTC hours/days) at or before {@code instant}. */
    public static Instant alignDown(Instant instant, Duration size) {
        long sizeMicros = size.toNanos() / 1_000;
        long micros = Math.floorDiv(instant.getEpochSecond(), 1L) * 1_000_000 + instant.getNano() / 1_000;
        long aligned = Math.floorDiv(micros, sizeMicros) * sizeMicros;
        return Instant.EPOCH.plusNanos(aligned * 1_000);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** The UTC date of the window start: the {@code event_date} partition its records land in. */
    public LocalDate startDate() {
        return start.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
