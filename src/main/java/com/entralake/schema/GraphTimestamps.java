package com.entralake.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Hand-written parsers for Graph's {@code Edm.DateTimeOffset} and {@code Edm.Date} text: a
 * million records carry several timestamps each, and {@code DateTimeFormatter} costs several
 * times more than reading fixed positions.
 *
 * <p>Accepted: {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]](Z|±HH:mm|±HHmm)}. Graph sends up to 7
 * fractional digits; microseconds are kept, digits beyond them truncated. Text without an offset
 * is rejected (null): an {@code Edm.DateTimeOffset} always has one and guessing a zone would
 * silently shift events; the original stays in {@code raw_json}. The parse is exact whatever the age of the
 * value; what a column keeps of it is {@link LakeTimeRange}'s rule.
 */
public final class GraphTimestamps {

    private GraphTimestamps() {
    }

    /**
     * The instant of a Graph timestamp at the lake's microsecond precision, or null when the text is not one.
     * Event windows are cut with this, so a record's window and its typed time column can never disagree.
     */
    public static Instant parseInstant(String s) {
        Long micros = parseMicros(s);
        return micros == null ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Microseconds since the epoch (UTC), or null when the text is not a timestamp with an offset. */
    static Long parseMicros(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(10) != 'T' && s.charAt(10) != 't') {
            return null;
        }
        Long epochDay = parseEpochDayAt(s);
        if (epochDay == null || s.charAt(13) != ':') {
            return null;
        }
        int hour = digits2(s, 11);
        int minute = digits2(s, 14);
        int second = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = digits2(s, i + 1);
            i += 3;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long micros = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 6) {
                    micros = micros * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int k = count; k < 6; k++) {
                micros *= 10;
            }
        }
        if (i >= n) {
            return null; // no offset
        }
        int offsetSeconds;
        char z = s.charAt(i);
        if ((z == 'Z' || z == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if (z == '+' || z == '-') {
            int oh = digits2(s, i + 1);
            int om;
            if (n == i + 6 && s.charAt(i + 3) == ':') {
                om = digits2(s, i + 4);
            } else if (n == i + 5) {
                om = digits2(s, i + 3);
            } else {
                return null;
            }
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000_000L + micros;
    }

    /** Days since 1970-01-01 for {@code yyyy-MM-dd}, or null. */
    static Integer parseEpochDay(String s) {
        if (s.length() != 10) {
            return null;
        }
        Long day = parseEpochDayAt(s);
        return day == null ? null : (int) (long) day;
    }

    private static Long parseEpochDayAt(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int y1 = digits2(s, 0);
        int y2 = digits2(s, 2);
        int month = digits2(s, 5);
        int day = digits2(s, 8);
        if (y1 < 0 || y2 < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(y1 * 100 + y2, month, day).toEpochDay();
        } catch (DateTimeException invalidDate) {
            return null;
        }
    }

    /** Two decimal digits at {@code i} as a number, or -1. */
    private static int digits2(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
    }
}
