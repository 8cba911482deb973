package com.entralake.schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The oldest timestamp and date a typed column holds; older values are null there (raw_json keeps the text).
 *
 * <p>Graph writes {@code 0001-01-01T00:00:00Z} for "never" in many properties ({@code signInActivity},
 * {@code lastPasswordChangeDateTime}, {@code onPremisesLastSyncDateTime}, a user's unset {@code birthday}), and
 * AD-synced values sometimes carry Windows' zero FILETIME, {@code 1601-01-01T00:00:00Z}. Spark 3.0 to 3.5 refuse
 * to read Parquet timestamps before 1900-01-01T00:00:00Z and dates before 1582-10-15 from files that no Spark
 * wrote ({@code INCONSISTENT_BEHAVIOR_CROSS_VERSION.READ_ANCIENT_DATETIME}, because such a file may use the
 * Julian/Gregorian hybrid calendar), unless every reader sets {@code spark.sql.parquet.datetimeRebaseModeInRead=
 * CORRECTED} (Spark 4 made that the default, SPARK-46440). One such value in a file makes the whole file unreadable
 * there, so the lake stays inside what every engine reads as-is. Nothing Entra records happened before 1900, so the
 * bounds are exactly Spark's: a null loses no information that was not already "never" or garbage.
 */
public final class LakeTimeRange {

    /** Spark 3's boundary for timestamps (UTC): earlier ones are rebased between calendars and time zones' LMT. */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("1900-01-01T00:00:00Z");
    /** Spark 3's boundary for dates: the first day of the Gregorian calendar. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1582, 10, 15);

    private static final long EARLIEST_MICROS = EARLIEST_TIMESTAMP.getEpochSecond() * 1_000_000L;
    private static final long EARLIEST_EPOCH_DAY = EARLIEST_DATE.toEpochDay();

    private LakeTimeRange() {
    }

    /** Whether a timestamp column keeps this instant. */
    public static boolean keeps(Instant instant) {
        return !instant.isBefore(EARLIEST_TIMESTAMP);
    }

    /** The value a timestamp column holds for parsed microseconds: null when there are none or they are too old. */
    static Long keptMicros(Long micros) {
        return micros == null || micros < EARLIEST_MICROS ? null : micros;
    }

    /** The value a date column holds for a parsed epoch day: null when there is none or it is too old. */
    static Integer keptEpochDay(Integer epochDay) {
        return epochDay == null || epochDay < EARLIEST_EPOCH_DAY ? null : epochDay;
    }
}
