package com.entralake.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Records that can no longer be collected: when the watermark is older than what Graph still keeps
 * (its retention), everything between the watermark and the oldest record Graph still has is gone
 * for good. Said in days, because that is how a data consumer asks "is my Tuesday complete?".
 *
 * @param from inclusive: the watermark
 * @param to   exclusive: the oldest moment Graph still keeps ({@code now - retention})
 */
public record DataGap(Instant from, Instant to, Duration retention) {

    /** The parts of what was not collected yet that Graph no longer keeps, oldest first. */
    public static java.util.List<DataGap> within(java.util.List<TimeWindow> uncollected, Instant now, Duration retention) {
        Instant oldestKept = now.minus(retention);
        return uncollected.stream()
                .filter(w -> w.start().isBefore(oldestKept))
                .map(w -> new DataGap(w.start(), w.end().isBefore(oldestKept) ? w.end() : oldestKept, retention))
                .toList();
    }

    /** The first UTC day with records lost. */
    public LocalDate firstDay() {
        return from.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The last UTC day with records lost (partly, if {@code to} is not midnight). */
    public LocalDate lastDay() {
        return to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public String describe() {
        long days = lastDay().toEpochDay() - firstDay().toEpochDay() + 1;
        return "records from " + from + " to " + to + " cannot be recovered (Graph keeps " + retention.toDays()
                + " days); affected UTC days: " + firstDay() + (days > 1 ? " .. " + lastDay() : "") + " (" + days
                + " day" + (days > 1 ? "s" : "") + ", the first and last possibly in part)";
    }
}
