package com.entralake.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Graph wire format of DateTimeOffset values: 7 fractional digits, or none for whole seconds. */
final class WireTime {
    private static final DateTimeFormatter FRACTION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INNER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    static String format(Instant t) {
        return t.getNano() == 0 ? WHOLE.format(t) : FRACTION.format(t);
    }

    /** innerError.date format: no fraction, no zone designator. */
    static String inner(Instant t) {
        return INNER.format(t);
    }
}
