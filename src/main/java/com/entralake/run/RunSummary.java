package com.entralake.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import com.entralake.batch.CollectionCounts;

/** The end-of-run summary: per tenant and data type, what was covered, read, written and retried. */
public final class RunSummary {

    private RunSummary() {
    }

    /** Columns line up whatever the dataset names: as wide as the longest one in the catalogue. */
    static final int DATASET_WIDTH = com.entralake.catalog.DataTypeCatalog.all().stream()
            .mapToInt(t -> t.dataset().length()).max().orElse(17);

    public static void print(PrintStream out, List<TenantOutcome> tenants, Duration took, int exitCode, String lakeRoot) {
        out.println();
        out.printf("Entra Lake run summary — %d tenant(s), %s, exit status %d (%s)%n", tenants.size(),
                format(took), exitCode, meaning(exitCode));
        for (TenantOutcome t : tenants) {
            out.printf("  %s (%s): %s%s%n", t.name(), t.tenantId(), t.status().name().toLowerCase().replace('_', ' '),
                    t.message().isEmpty() ? "" : " — " + t.message());
            for (DataTypeOutcome d : t.dataTypes()) {
                CollectionCounts c = d.counts();
                out.printf("    %-" + DATASET_WIDTH + "s %-20s pages %,6d  records %,10d  files %,5d  retries %,4d  throttled %,4d  %8s  %s%n",
                        d.dataset(), d.status().name().toLowerCase().replace('_', ' '), c.pages(), c.records(),
                        c.files(), c.retries(), c.throttles(), format(d.duration()), d.covered());
                details(c).forEach(line -> out.printf("      %s%n", line));
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

    /**
     * What the record and file columns leave out, so that they can be the lake's own numbers: rows a lookback
     * re-read (already in the lake), records set aside or ignored, and a fallback to one query per window.
     */
    static java.util.List<String> details(CollectionCounts c) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (c.reread() > 0 || c.filesRewritten() > 0) {
            lines.add(String.format("re-read within the lookback: %,d records in %,d file(s), already in the lake%s",
                    c.reread(), c.filesRewritten(), c.late() > 0
                            ? String.format("; %,d of the records above arrived late in those windows", c.late()) : ""));
        }
        if (c.quarantined() > 0 || c.quarantinedAgain() > 0) {
            lines.add(String.format("quarantined: %,d record(s) Graph sent without a usable id or time (kept raw with the"
                    + " reason in the quarantine dataset)%s", c.quarantined(), c.quarantinedAgain() == 0 ? ""
                            : String.format("; %,d more read again that were kept already", c.quarantinedAgain())));
        }
        if (c.outOfRange() > 0) {
            lines.add(String.format("ignored: %,d record(s) Graph returned outside the time range asked for",
                    c.outOfRange()));
        }
        if (c.orderFallbacks() > 0) {
            lines.add("Graph returned records out of order: the affected range was read again one window per query");
        }
        return lines;
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
