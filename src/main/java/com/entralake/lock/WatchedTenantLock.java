package com.entralake.lock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock a run holds, watched: a daemon thread checks it every interval, so a lost lock is noticed even
 * while the run waits on a long Graph retry, and writes the run's heartbeat only after a check proved the
 * lock held. Once lost, stays lost. Closing stops the watchdog, removes the run's row (the next run need not
 * wait for it) and releases the lock.
 */
public final class WatchedTenantLock implements TenantLock {

    private static final Logger log = LoggerFactory.getLogger(WatchedTenantLock.class);

    private final TenantLock lock;
    private final TenantRunStore runs;
    private final String tenantId;
    private final String runId;
    private final String tenant;
    private final ScheduledExecutorService watchdog;
    private volatile String lost;
    private boolean heartbeatFailing;

    private WatchedTenantLock(TenantLock lock, TenantRunStore runs, String tenantId, String runId, String tenant) {
        this.lock = lock;
        this.runs = runs;
        this.tenantId = tenantId;
        this.runId = runId;
        this.tenant = tenant;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lock-watchdog-" + tenantId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching {@code lock}, whose run already claimed the tenant's row in {@code runs}. */
    public static WatchedTenantLock watch(TenantLock lock, TenantRunStore runs, String tenantId, String runId,
            String tenant, Duration interval) {
        WatchedTenantLock watched = new WatchedTenantLock(lock, runs, tenantId, runId, tenant);
        watched.watchdog.scheduleWithFixedDelay(watched::check, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return watched;
    }

    @Override
    public void ensureHeld() {
        String reason = lost;
        if (reason == null) {
            try {
                lock.ensureHeld();
                return;
            } catch (TenantLockLostException e) {
                reason = noticed(e.getMessage(), false);
            }
        }
        throw new TenantLockLostException(reason);
    }

    /** One watchdog round: the lock first; the heartbeat only for a lock just proven held. */
    void check() {
        try {
            lock.ensureHeld();
        } catch (TenantLockLostException e) {
            noticed(e.getMessage(), true);
            return;
        } catch (RuntimeException e) {
            noticed("the tenant lock of " + tenant + " was lost: it cannot be checked (" + e + ")", true);
            return;
        }
        try {
            if (!runs.beat(tenantId, runId)) {
                noticed("the tenant lock of " + tenant + " was lost: another run has taken the tenant over"
                        + " (its row in ENTRALAKE_TENANT_RUN no longer names run " + runId + ")", true);
                return;
            }
            heartbeatFailing = false;
        } catch (RuntimeException e) {
            // the lock is held, so no run can take over; the heartbeat only matters once it is not
            if (!heartbeatFailing) {
                log.warn("{}: cannot write this run's heartbeat: {}", tenant, e.getMessage());
            }
            heartbeatFailing = true;
        }
    }

    /**
     * Said in the log only when the watchdog finds it (possibly minutes before the run's next commit point,
     * during a long Graph retry); found at a commit point, the failing data type says it.
     */
    private synchronized String noticed(String reason, boolean byWatchdog) {
        if (lost == null) {
            lost = reason;
            if (byWatchdog) {
                log.warn("{}. This run stops writing the tenant before anything more commits.", reason);
            }
            watchdog.shutdown();
        }
        return lost;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            runs.release(tenantId, runId);
        } catch (RuntimeException e) {
            log.warn("{}: could not remove this run's row from ENTRALAKE_TENANT_RUN ({}); the next run waits for its"
                    + " heartbeat to go stale", tenant, e.getMessage());
        }
        lock.close();
    }
}
