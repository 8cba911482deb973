package com.entralake.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.entralake.config.EntraLakeProperties;
import com.entralake.config.TenantSelection;

/**
 * A collect run over the selected tenants, a bounded number at a time. Each tenant has its own lock,
 * rate limit and job state, so one tenant's failure never touches another's data.
 */
public final class CollectRun {

    private final EntraLakeProperties properties;
    private final TenantCollector collector;
    private final String lakeLocation;

    public CollectRun(EntraLakeProperties properties, TenantCollector collector, String lakeLocation) {
        this.properties = properties;
        this.collector = collector;
        this.lakeLocation = lakeLocation;
    }

    /** Runs and prints the summary; returns the exit status. */
    public int run(List<String> tenantNames, List<String> datasets, PrintStream out) {
        List<EntraLakeProperties.Tenant> selected = TenantSelection.select(properties, tenantNames);
        long started = System.nanoTime();
        List<TenantOutcome> outcomes = new ArrayList<>();
        int parallelism = Math.min(properties.getCollection().getTenantParallelism(), Math.max(1, selected.size()));
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "tenant-" + r.hashCode());
            t.setDaemon(true);
            return t;
        });
        try {
            String runId = java.util.UUID.randomUUID().toString();
            List<Future<TenantOutcome>> futures = new ArrayList<>();
            for (EntraLakeProperties.Tenant tenant : selected) {
                futures.add(pool.submit(() -> collector.collect(tenant, datasets, runId)));
            }
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), selected.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        int exit = ExitCodes.of(outcomes);
        RunSummary.print(out, outcomes, Duration.ofNanos(System.nanoTime() - started), exit, lakeLocation);
        return exit;
    }

    private static TenantOutcome await(Future<TenantOutcome> future, EntraLakeProperties.Tenant tenant) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return crashed(tenant, "interrupted");
        } catch (ExecutionException e) {
            return crashed(tenant, "unexpected failure: " + e.getCause());
        }
    }

    private static TenantOutcome crashed(EntraLakeProperties.Tenant tenant, String message) {
        return new TenantOutcome(tenant.getName(), tenant.getTenantId(), TenantOutcome.Status.CRASHED, message, List.of());
    }
}
