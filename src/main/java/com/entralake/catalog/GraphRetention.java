package com.entralake.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Graph keeps a data type's records, with and without Microsoft Entra ID P1/P2 (Microsoft's data
 * retention table: audit logs 7 days on Free, 30 days with P1/P2). Windows older than that may read empty or
 * short because Graph purged them, never because Entra Lake missed them.
 */
public record GraphRetention(Duration withPremium, Duration withoutPremium) {

    public GraphRetention {
        Objects.requireNonNull(withPremium, "withPremium");
        Objects.requireNonNull(withoutPremium, "withoutPremium");
        if (withoutPremium.compareTo(withPremium) > 0) {
            throw new IllegalArgumentException("retention without P1/P2 cannot be longer than with it");
        }
    }

    /** Snapshots: Graph serves what exists now, retention does not apply. */
    public static final GraphRetention NOT_APPLICABLE = new GraphRetention(Duration.ZERO, Duration.ZERO);

    public static GraphRetention days(int withPremium, int withoutPremium) {
        return new GraphRetention(Duration.ofDays(withPremium), Duration.ofDays(withoutPremium));
    }

    public Duration of(boolean premium) {
        return premium ? withPremium : withoutPremium;
    }

    /** The least any tenant gets: before it, a re-read may find fewer records because Graph purged them. */
    public Duration shortest() {
        return withoutPremium.isZero() ? withPremium : withoutPremium;
    }
}
