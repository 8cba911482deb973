package com.entralake.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.entralake.batch.JobParameterNames;
import com.entralake.batch.RunHistory;
import com.entralake.batch.CollectionCounts;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;
import com.entralake.config.EntraLakeProperties;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.lock.ProcessIdentity;
import com.entralake.lock.TenantRun;
import com.entralake.lock.TenantRunStore;
import com.entralake.connectivity.ProbeResult;
import com.entralake.connectivity.Retention;
import com.entralake.window.DataGap;
import com.entralake.window.RangePlanner;
import com.entralake.window.TimeWindow;

/**
 * Builds {@code status} from the job repository alone — Spring Batch's tables and the connectivity
 * results — so it answers when the credentials are broken or Graph is down.
 */
public final class StatusReader {

    private final RunHistory history;
    private final ConnectivityStore store;
    private final EntraLakeProperties.Collection settings;
    private final TenantRunStore runs;
    private final Duration staleAfter;

    /**
     * @param runs       the tenants' heartbeats: a run whose heartbeat is younger than {@code staleAfter} is
     *                   collecting now, so its STARTED executions are running, not interrupted
     */
    public StatusReader(RunHistory history, ConnectivityStore store, EntraLakeProperties.Collection settings,
            TenantRunStore runs, Duration staleAfter) {
        this.history = history;
        this.store = store;
        this.settings = settings;
        this.runs = runs;
        this.staleAfter = staleAfter;
    }

    public TenantStatus read(EntraLakeProperties.Tenant tenant, Instant now) {
        String tenantId = tenant.getTenantId().toLowerCase(java.util.Locale.ROOT);
        Map<String, ProbeResult> probes = store.probes(tenantId);
        boolean premium = Retention.premium(probes);
        // fresh heartbeat, and not a process this host can see has ended (a kill -9 leaves a fresh heartbeat behind)
        ProcessIdentity self = ProcessIdentity.current();
        Optional<TenantRun> running = runs.read(tenantId).filter(r -> r.heartbeatAge().compareTo(staleAfter) < 0)
                .filter(r -> !self.seesEnded(r.owner()));
        List<DataTypeStatus> types = new ArrayList<>();
        for (DataType type : DataTypeCatalog.all()) {
            types.add(read(tenantId, type, DataTypeSelection.of(tenant, type),
                    Optional.ofNullable(probes.get(type.dataset())), type.retention().of(premium), now, running));
        }
        return new TenantStatus(tenant.getName(), tenantId, tenant.getClientId(), tenant.getSecretId(),
                store.lastCheck(tenantId), store.credentials(tenantId), premium, types);
    }

    private DataTypeStatus read(String tenantId, DataType type, DataTypeSelection selection,
            Optional<ProbeResult> probe, Duration retention, Instant now, Optional<TenantRun> running) {
        String job = JobParameterNames.jobOf(type);
        Optional<JobExecution> last = history.last(job, tenantId, type.dataset());
        if (type.timeWindows().isEmpty()) {
            return new DataTypeStatus(type.dataset(), selection, probe, Optional.empty(),
                    last.map(e -> describe(e, running)), last.map(e -> ok(e, running)).orElse(true),
                    last.map(CollectionCounts::of).orElse(CollectionCounts.NONE),
                    List.of(), Optional.empty(), List.of(), List.of(), Optional.empty());
        }
        // only what runs will collect has pending work and gaps to speak of: not 'no', not skipped while unavailable
        boolean active = DataTypeStatus.isCollected(selection, probe);
        List<JobExecution> unfinished = new ArrayList<>();
        if (active) {
            // a run that died leaves its execution STARTED: the next collect marks it failed and resumes it
            unfinished.addAll(history.orphaned(job, tenantId, type.dataset()));
            unfinished.addAll(history.unfinished(job, tenantId, type.dataset()));
        }
        List<String> resumeFirst = unfinished.stream()
                .map(e -> e.getJobParameters().getString(JobParameterNames.RANGE_START) + " .. "
                        + e.getJobParameters().getString(JobParameterNames.RANGE_END))
                .toList();
        // a new range is planned only once every unfinished one completed
        var next = !active || !unfinished.isEmpty() ? Optional.<TimeWindow>empty()
                : new RangePlanner(settings.getWindow(), settings.getBackfill(), settings.getLag(), settings.getLookback())
                        .plan(history.lastCompletedRange(tenantId, type.dataset(), now), now);
        List<DataGap> gaps = active
                ? DataGap.within(history.uncollected(tenantId, type.dataset(), now, retention), now, retention) : List.of();
        return new DataTypeStatus(type.dataset(), selection, probe, history.watermark(tenantId, type.dataset(), now),
                last.map(e -> describe(e, running)), last.map(e -> ok(e, running)).orElse(true),
                last.map(CollectionCounts::of).orElse(CollectionCounts.NONE),
                resumeFirst, next, gaps, store.gaps(tenantId, type.dataset()), clockAhead(tenantId, type, now));
    }

    /** Runs planned with a clock later than now: the next collect sets them aside and reads their windows again. */
    private Optional<String> clockAhead(String tenantId, DataType type, Instant now) {
        List<JobExecution> ahead = history.plannedAhead(tenantId, type.dataset(), now);
        return ahead.stream().map(RunHistory::plannedAt).max(Instant::compareTo)
                .map(latest -> ahead.size() + " run(s) planned with a clock ahead of now (the latest at " + latest
                        + "): their ranges do not count as collected; the next collect reads those windows again"
                        + " — check the host clock (NTP) and --now");
    }

    /** Completed, abandoned on purpose (a managed type found unavailable, an interrupted snapshot), or running now. */
    private static boolean ok(JobExecution e, Optional<TenantRun> running) {
        return e.getStatus() == BatchStatus.COMPLETED || e.getStatus() == BatchStatus.ABANDONED
                || (isStarted(e) && running.isPresent());
    }

    private static boolean isStarted(JobExecution e) {
        return e.getStatus() == BatchStatus.STARTED || e.getStatus() == BatchStatus.STARTING
                || e.getStatus() == BatchStatus.STOPPING;
    }

    private static String describe(JobExecution e, Optional<TenantRun> running) {
        var parameters = e.getJobParameters();
        if (isStarted(e) && running.isPresent()) {
            return "RUNNING now — the run of " + parameters.getString(JobParameterNames.PLANNED_AT) + " ("
                    + running.get().describe() + ", heartbeat " + running.get().heartbeatAge().toSeconds() + " s ago)";
        }
        if (isStarted(e)) {
            String resumes = parameters.getString(JobParameterNames.RANGE_START) != null
                    ? "resumes it from its last committed window"
                    : "takes the snapshot again";
            return "INTERRUPTED — the run of " + parameters.getString(JobParameterNames.PLANNED_AT) + " did not finish"
                    + " (its process was killed or crashed: it holds the tenant no more); the next collect " + resumes;
        }
        String covered = parameters.getString(JobParameterNames.RANGE_START) != null
                ? "range " + parameters.getString(JobParameterNames.RANGE_START) + " .. "
                        + parameters.getString(JobParameterNames.RANGE_END)
                : "snapshot " + parameters.getString(JobParameterNames.SNAPSHOT_DATE);
        // the job clock of the run (what --now set; the real time in production), not the database's
        String plannedAt = parameters.getString(JobParameterNames.PLANNED_AT);
        String at = plannedAt == null ? "" : ", started " + plannedAt;
        String exit = e.getExitStatus() == null || e.getExitStatus().getExitDescription() == null
                || e.getExitStatus().getExitDescription().isBlank() ? ""
                : " — " + firstLine(e.getExitStatus().getExitDescription());
        return e.getStatus() + at + " (" + covered + ")" + exit;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

}
