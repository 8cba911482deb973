package com.entralake.lock;

import java.time.Duration;

/**
 * {@code entralake.lock.*} (bound as part of {@code EntraLakeProperties}): how often a held tenant lock is
 * checked (and its heartbeat written), and how old a heartbeat must be before the run that wrote it counts
 * as gone.
 */
public class LockSettings {

    /** A setting that is not valid: its key and what to fix (a configuration error, exit 2). */
    public record Problem(String key, String message) {
    }

    /** The watchdog checks the lock and writes the heartbeat this often. */
    private Duration checkInterval = Duration.ofSeconds(5);
    /**
     * A heartbeat older than this means its run no longer holds the tenant. Several intervals, so a slow
     * check or a pause is not taken for a dead run; also the longest a commit that began while the lock
     * was held may take before another run may start on the tenant.
     */
    private Duration staleAfter = Duration.ofSeconds(30);

    public Duration getCheckInterval() { return checkInterval; }
    public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
    public Duration getStaleAfter() { return staleAfter; }
    public void setStaleAfter(Duration staleAfter) { this.staleAfter = staleAfter; }

    /** Null when valid, else which setting is wrong and what to fix. */
    public Problem problem() {
        if (checkInterval == null || checkInterval.compareTo(Duration.ofMillis(100)) < 0) {
            return new Problem("entralake.lock.check-interval", "must be at least PT0.1S, got " + checkInterval);
        }
        if (staleAfter == null || staleAfter.compareTo(checkInterval.multipliedBy(3)) < 0) {
            return new Problem("entralake.lock.stale-after", "must be at least three times entralake.lock.check-interval ("
                    + checkInterval + "), so that one late heartbeat is not taken for a dead run; got " + staleAfter);
        }
        return null;
    }
}
