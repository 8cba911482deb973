package com.entralake.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** The end-of-run summary: per tenant and data type, what was covered, read, written and retried. */
public final class RunSummary {

    private RunSummary() {
    }

    public static void print(PrintStream out, List<TenantOutcome> tenants, Duration took, int exitCode, String lakeRoot) {
        out.println();
        out.printf("Entra Lake run summary — %d tenant(s), %s, exit status %d (%s)%n", tenants.size(),
                format(took), exitCode, meaning(exitCode));
        for (TenantOutcome t : tenants) {
            out.printf("  %s (%s): %s%s%n", t.name(), t.tenantId(), t.status().name().toLowerCase().replace('_', ' '),
                    t.message().isEmpty() ? "" : " — " + t.message());
            for (DataTypeOutcome d : t.dataTypes()) {
                out.printf("    %-17s %-20s pages %,6d  records %,10d  files %,5d  retries %,4d  throttled %,4d  %8s  %s%n",
                        d.dataset(), d.status().name().toLowerCase().replace('_', ' '), d.pages(), d.records(),
                        d.files(), d.retries(), d.throttles(), format(d.duration()), d.covered());
                if (!d.message().isEmpty() && d.status() != DataTypeOutcome.Status.DISABLED) {
                    out.printf("      %s%n", d.message());
                }
            }
        }
        out.printf("  Memory: %s%n", MemoryUsage.describe());
        out.printf("  Lake: %s%n", lakeRoot);
        out.printf("  Query it, e.g. with DuckDB: SELECT count(*) FROM read_parquet('%s/signins/**/*.parquet', hive_partitioning = true);%n",
                lakeRoot);
    }

    static String meaning(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.SUCCESS -> "everything selected was collected";
            case ExitCodes.PARTIAL -> "partial: something failed or was skipped, the rest is committed";
            case ExitCodes.CONFIGURATION -> "configuration error";
            case ExitCodes.AUTHENTICATION -> "authentication error";
            case ExitCodes.LOCKED -> "another run holds the lock";
            default -> "unexpected failure";
        };
    }

    static String format(Duration d) {
        return d.toMillis() < 60_000 ? String.format("%.1f s", d.toMillis() / 1000.0)
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
