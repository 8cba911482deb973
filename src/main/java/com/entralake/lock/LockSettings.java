package com.entralake.lock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code entralake.lock.*}: how often a held tenant lock is checked (and its heartbeat written), and how
 * old a heartbeat must be before the run that wrote it counts as gone.
 */
@ConfigurationProperties("entralake.lock")
public class LockSettings {

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

    /** Null when valid, else what to fix (a configuration error, exit 2). */
    public String problem() {
        if (checkInterval == null || checkInterval.compareTo(Duration.ofMillis(100)) < 0) {
            return "entralake.lock.check-interval must be at least PT0.1S (it is " + checkInterval + ")";
        }
        if (staleAfter == null || staleAfter.compareTo(checkInterval.multipliedBy(3)) < 0) {
            return "entralake.lock.stale-after must be at least three times entralake.lock.check-interval ("
                    + checkInterval + "), so that one late heartbeat is not taken for a dead run (it is " + staleAfter + ")";
        }
        return null;
    }
}
