package com.entralake.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import com.entralake.batch.JobParameterNames;
import com.entralake.batch.RunHistory;
import com.entralake.batch.StepProgress;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;
import com.entralake.config.EntraLakeProperties;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.ProbeResult;
import com.entralake.connectivity.Retention;
import com.entralake.window.DataGap;
import com.entralake.window.RangePlanner;

/**
 * Builds {@code status} from the job repository alone — Spring Batch's tables and the connectivity
 * results — so it answers when the credentials are broken or Graph is down.
 */
public final class StatusReader {

    private final RunHistory history;
    private final ConnectivityStore store;
    private final EntraLakeProperties.Collection settings;

    public StatusReader(RunHistory history, ConnectivityStore store, EntraLakeProperties.Collection settings) {
        this.history = history;
        this.store = store;
        this.settings = settings;
    }

    public TenantStatus read(EntraLakeProperties.Tenant tenant, Instant now) {
        String tenantId = tenant.getTenantId().toLowerCase(java.util.Locale.ROOT);
        Map<String, ProbeResult> probes = store.probes(tenantId);
        Duration retention = Retention.of(probes);
        List<DataTypeStatus> types = new ArrayList<>();
        for (DataType type : DataTypeCatalog.all()) {
            types.add(read(tenantId, type, DataTypeSelection.of(tenant, type.dataset()),
                    Optional.ofNullable(probes.get(type.dataset())), retention, now));
        }
        return new TenantStatus(tenant.getName(), tenantId, tenant.getClientId(), tenant.getSecretId(),
                store.lastCheck(tenantId), store.credentials(tenantId), retention, types);
    }

    private DataTypeStatus read(String tenantId, DataType type, DataTypeSelection selection,
            Optional<ProbeResult> probe, Duration retention, Instant now) {
        String job = type.isEvents() ? JobParameterNames.EVENTS_JOB : JobParameterNames.SNAPSHOT_JOB;
        List<JobExecution> executions = history.latestExecutions(job, tenantId, type.dataset());
        long totalRecords = 0;
        long totalFiles = 0;
        for (JobExecution e : executions) {
            totalRecords += sum(e, StepProgress.RECORDS_WRITTEN);
            totalFiles += sum(e, StepProgress.FILES_COMMITTED);
        }
        Optional<JobExecution> last = executions.stream()
                .max(java.util.Comparator.comparing(e -> e.getCreateTime()));
        Optional<Instant> watermark = type.isEvents() ? history.watermark(tenantId, type.dataset()) : Optional.empty();
        Optional<RangePlanner.CompletedRange> completed = type.isEvents()
                ? history.lastCompletedRange(tenantId, type.dataset()) : Optional.empty();
        var next = type.isEvents() && selection != DataTypeSelection.NO
                ? new RangePlanner(settings.getWindow(), settings.getBackfill(), settings.getLag(), settings.getLookback())
                        .plan(completed, now)
                : Optional.<com.entralake.window.TimeWindow>empty();
        Optional<DataGap> gap = type.isEvents() ? DataGap.of(watermark, now, retention) : Optional.empty();
        return new DataTypeStatus(type.dataset(), selection, probe, watermark, last.map(StatusReader::describe),
                last.map(e -> e.getStatus() == BatchStatus.COMPLETED).orElse(true),
                last.map(e -> sum(e, StepProgress.RECORDS_WRITTEN)).orElse(0L),
                last.map(e -> sum(e, StepProgress.FILES_COMMITTED)).orElse(0L),
                totalRecords, totalFiles, next, gap);
    }

    private static String describe(JobExecution e) {
        var parameters = e.getJobParameters();
        String covered = parameters.getString(JobParameterNames.RANGE_START) != null
                ? "range " + parameters.getString(JobParameterNames.RANGE_START) + " .. "
                        + parameters.getString(JobParameterNames.RANGE_END)
                : "snapshot " + parameters.getString(JobParameterNames.SNAPSHOT_DATE);
        // the job clock of the run (what --now set; the real time in production), not the database's
        String plannedAt = parameters.getString(JobParameterNames.PLANNED_AT);
        String at = plannedAt == null ? "" : " in the run of " + plannedAt;
        String exit = e.getExitStatus() == null || e.getExitStatus().getExitDescription() == null
                || e.getExitStatus().getExitDescription().isBlank() ? ""
                : " — " + firstLine(e.getExitStatus().getExitDescription());
        return e.getStatus() + at + " (" + covered + ")" + exit;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static long sum(JobExecution e, String key) {
        long total = 0;
        for (StepExecution step : e.getStepExecutions()) {
            total += step.getExecutionContext().getLong(key, 0L);
        }
        return total;
    }
}
