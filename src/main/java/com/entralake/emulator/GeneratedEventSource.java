package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Lazy, deterministic, time-anchored generator: slot i covers [anchor + i*interval, anchor + (i+1)*interval) and
 * holds exactly one record whose content is a pure function of (seed, i). Slots exist for every i (also negative),
 * so as the emulator clock moves new records keep appearing. About a quarter of the records fall on a whole
 * second (wire format without fraction), the rest carry 7 fractional digits. Latency (visibleAt - time):
 * 90% 10-120 s, 9% 2-5 min, 1% 5-15 min.
 */
public final class GeneratedEventSource implements EventSource {
    public static final Duration MAX_LATENCY = Duration.ofMinutes(15);
    private static final Instant DEFAULT_ANCHOR = Instant.parse("2020-01-01T00:00:00Z");
    private static final long TICKS_PER_SECOND = 10_000_000L;

    /** Builds the wire JSON of record {@code index}. Must be a pure function of its arguments. */
    @FunctionalInterface
    public interface RecordFactory {
        ObjectNode create(long index, String id, Instant time, SplittableRandom random);
    }

    private final long seed;
    private final Instant anchor;
    private final long intervalTicks;
    private final RecordFactory factory;
    private final int republishPerMille;
    private final RecordFactory republisher;

    public GeneratedEventSource(long seed, Instant anchor, Duration interval, RecordFactory factory) {
        this(seed, anchor.truncatedTo(ChronoUnit.SECONDS), Math.max(1, interval.toNanos() / 100), factory, 0, null);
    }

    private GeneratedEventSource(long seed, Instant anchor, long intervalTicks, RecordFactory factory, int republishPerMille,
                                 RecordFactory republisher) {
        this.seed = seed;
        this.anchor = anchor;
        this.intervalTicks = intervalTicks;
        this.factory = factory;
        this.republishPerMille = republishPerMille;
        this.republisher = republisher;
    }

    /**
     * Re-publication, as Entra does (risk re-evaluation, MFA details settling for up to two hours): {@code perMille} of
     * the records are published a second time, same id and time, 10 min to 2 h after the first version became visible,
     * with the JSON changed by {@code change} (applied to a fresh copy of the first version). Both versions are served;
     * the re-published one right after the first.
     */
    public GeneratedEventSource withRepublished(int perMille, java.util.function.UnaryOperator<ObjectNode> change) {
        return new GeneratedEventSource(seed, anchor, intervalTicks, factory, perMille,
                (i, id, t, r) -> change.apply(factory.create(i, id, t, r)));
    }

    /** A steady rate of {@code perHour} records, anchored on 2020-01-01T00:00:00Z. */
    public static GeneratedEventSource perHour(long seed, double perHour, RecordFactory factory) {
        long nanos = Math.max(100, (long) (3_600_000_000_000.0 / perHour));
        return new GeneratedEventSource(seed, DEFAULT_ANCHOR, Duration.ofNanos(nanos), factory);
    }

    private long ticks(Instant t) {
        long secs = t.getEpochSecond() - anchor.getEpochSecond();
        long nanos = secs * 1_000_000_000L + (t.getNano() - anchor.getNano());
        return Math.floorDiv(nanos, 100);
    }

    private Instant instant(long ticks) {
        return anchor.plusSeconds(Math.floorDiv(ticks, TICKS_PER_SECOND)).plusNanos(Math.floorMod(ticks, TICKS_PER_SECOND) * 100);
    }

    private SplittableRandom random(long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 29));
    }

    /** Records of slot {@code index} (1, or 2 when re-published), or null when its time is outside [fromT, toT). */
    private EventRecord[] records(long index, long fromT, long toT) {
        SplittableRandom rnd = random(index);
        long start = index * intervalTicks;
        long t = start + rnd.nextLong(intervalTicks);
        if (rnd.nextInt(4) == 0) {
            long whole = Math.floorDiv(t + TICKS_PER_SECOND - 1, TICKS_PER_SECOND) * TICKS_PER_SECOND;
            if (whole < start + intervalTicks) {
                t = whole;
            }
        }
        int p = rnd.nextInt(100);
        long latencyMs = p < 90 ? 10_000 + rnd.nextLong(110_000) : p < 99 ? 120_000 + rnd.nextLong(180_000) : 300_000 + rnd.nextLong(600_000);
        boolean again = republishPerMille > 0 && rnd.nextInt(1000) < republishPerMille;
        long againMs = 600_000 + rnd.nextLong(6_600_000);
        long contentSeed = rnd.nextLong();
        if (t < fromT || t >= toT) {
            return null;
        }
        Instant time = instant(t);
        SplittableRandom content = new SplittableRandom(contentSeed);
        String id = new UUID((content.nextLong() & ~0xF000L) | 0x4000L, (content.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        long factorySeed = content.nextLong();
        ObjectNode json = factory.create(index, id, time, new SplittableRandom(factorySeed));
        // the record's own id is the truth (directory audit ids carry a prefix, e.g. "Directory_<guid>")
        String recordId = json.path("id").asText(id);
        EventRecord first = new EventRecord(recordId, time, time.plusMillis(latencyMs), 0, json);
        if (!again) {
            return new EventRecord[]{first};
        }
        ObjectNode changed = republisher.create(index, id, time, new SplittableRandom(factorySeed));
        return new EventRecord[]{first, new EventRecord(recordId, time, first.visibleAt().plusMillis(againMs), 1, changed)};
    }

    @Override
    public Iterator<EventRecord> scan(Instant from, Instant toExclusive, boolean descending) {
        long fromT = ticks(from);
        long toT = ticks(toExclusive);
        if (fromT >= toT) {
            return java.util.Collections.emptyIterator();
        }
        long lo = Math.floorDiv(fromT, intervalTicks);
        long hi = Math.floorDiv(toT - 1, intervalTicks);
        return new Iterator<>() {
            long next = descending ? hi : lo;
            EventRecord[] pending;
            int pos;

            private void advance() {
                while ((pending == null || pos >= pending.length) && next >= lo && next <= hi) {
                    long i = next;
                    next += descending ? -1 : 1;
                    pending = records(i, fromT, toT);
                    pos = 0;
                }
            }

            @Override
            public boolean hasNext() {
                advance();
                return pending != null && pos < pending.length;
            }

            @Override
            public EventRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending[pos++]; // versions of one slot: seq 0 then 1, right for both sort orders
            }
        };
    }
}
