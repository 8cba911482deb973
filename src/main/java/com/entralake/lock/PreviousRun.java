package com.entralake.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, right after this run took a tenant's lock, whether the run that held it before may still be
 * alive. A free lock does not prove its last holder dead: its database session may have ended under a live
 * process. Until that run's heartbeat is stale (or its row is gone, or its process is seen ended on this
 * host), its STARTED executions are not orphans and its temporary files are not abandoned, so this run
 * waits — at most {@code staleAfter} plus one interval: a heartbeat that is still fresh by then has advanced
 * while this run held the lock, so its run is alive and this one leaves the tenant alone (exit 4).
 */
public final class PreviousRun {

    private static final Logger log = LoggerFactory.getLogger(PreviousRun.class);

    /** Waits between two readings; tests count them instead. */
    @FunctionalInterface
    public interface Pause {
        Pause REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** The verdict on one reading: gone (with why, for the log) or possibly alive. */
    record Verdict(boolean gone, String why) {
    }

    private final ProcessIdentity self;
    private final Duration interval;
    private final Duration staleAfter;
    private final Pause pause;

    public PreviousRun(ProcessIdentity self, Duration interval, Duration staleAfter, Pause pause) {
        this.self = self;
        this.interval = interval;
        this.staleAfter = staleAfter;
        this.pause = pause;
    }

    static Verdict judge(Optional<TenantRun> row, String runId, ProcessIdentity self, Duration staleAfter) {
        if (row.isEmpty()) {
            return new Verdict(true, "no run recorded");
        }
        TenantRun run = row.get();
        if (run.runId().equals(runId)) {
            return new Verdict(true, "this run");
        }
        if (self.seesEnded(run.owner())) {
            return new Verdict(true, "its process has ended");
        }
        if (run.heartbeatAge().compareTo(staleAfter) >= 0) {
            return new Verdict(true, "its last heartbeat is " + seconds(run.heartbeatAge()) + " old");
        }
        return new Verdict(false, "its heartbeat is " + seconds(run.heartbeatAge()) + " old");
    }

    /**
     * Returns once the previous run is gone; throws {@link TenantLockedException} when it is still alive.
     * {@code read} reads the tenant's row (with the database's time).
     */
    public void awaitGone(String tenant, String runId, Supplier<Optional<TenantRun>> read) {
        Optional<TenantRun> row = read.get();
        Verdict verdict = judge(row, runId, self, staleAfter);
        if (verdict.gone()) {
            row.filter(r -> !r.runId().equals(runId)).ifPresent(r -> log.info(
                    "{}: the run that held it before ({}) did not finish cleanly; {}: resuming its work",
                    tenant, r.describe(), verdict.why()));
            return;
        }
        TenantRun previous = row.get();
        Duration longest = staleAfter.plus(interval);
        log.warn("{}: its lock was free, but the run that held it ({}) was alive moments ago ({}): it may have"
                + " lost its lock and not noticed yet. Waiting up to {} for it to stop before touching its work",
                tenant, previous.describe(), verdict.why(), seconds(longest));
        long polls = Math.max(1, (longest.toMillis() + interval.toMillis() - 1) / interval.toMillis());
        Verdict last = verdict;
        for (long i = 0; i < polls; i++) {
            try {
                pause.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TenantLockedException(tenant + ": interrupted while waiting for " + previous.describe()
                        + " to stop; this run leaves the tenant alone");
            }
            row = read.get();
            last = judge(row, runId, self, staleAfter);
            if (last.gone()) {
                log.info("{}: {} has stopped ({}): resuming its work", tenant, previous.describe(),
                        row.isEmpty() ? "it released the tenant" : last.why());
                return;
            }
        }
        throw new TenantLockedException("Another Entra Lake run (" + previous.describe() + ") is still collecting "
                + tenant + ": it lost its lock, but its heartbeat in ENTRALAKE_TENANT_RUN kept advancing for "
                + seconds(longest) + " (" + last.why() + " at the last look). This run leaves the tenant alone;"
                + " the next run collects it.");
    }

    static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
