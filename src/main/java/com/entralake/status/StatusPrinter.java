package com.entralake.status;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

import com.entralake.config.DataTypeSelection;

/** Prints {@code status}: per tenant, then per data type, the facts an operator checks in the morning. */
public final class StatusPrinter {

    private StatusPrinter() {
    }

    public static void print(PrintStream out, TenantStatus t, Instant now) {
        out.printf("Tenant '%s'%n", t.name());
        out.printf("  tenant id:           %s%n", t.tenantId());
        out.printf("  client id:           %s%n", t.clientId());
        out.printf("  secret id:           %s%n", t.secretId() == null || t.secretId().isBlank() ? "not configured" : t.secretId());
        out.printf("  last connectivity:   %s%n", t.lastCheck()
                .map(c -> c.checkedAt() + " — " + c.verdict())
                .orElse("never tested (run test-connectivity)"));
        out.printf("  client secret:       %s%n", credential(t, now));
        t.credentialInUse().filter(c -> c.warnings() != null && !c.warnings().isBlank())
                .ifPresent(c -> c.warnings().lines().forEach(w -> out.println("    warning: " + w)));
        out.printf("  licence assumed:     %s%n", t.premium() ? "Entra ID P1/P2 or unknown (the longer retention)"
                : "Entra ID Free: a data type needing P1/P2 answered 'not licensed' (the shorter retention)");
        for (DataTypeStatus d : t.dataTypes()) {
            print(out, d);
        }
        out.println();
    }

    private static String credential(TenantStatus t, Instant now) {
        if (t.credentials().isPresent() && t.credentialInUse().isEmpty()) {
            return "expiry unknown: secret-id changed since the last check (" + t.credentials().get().checkedAt()
                    + "); the next collect or test-connectivity checks the new one";
        }
        return t.credentialInUse()
                .map(c -> !c.foundOnApp() && c.configuredId() != null
                        ? "NOT ON THE APP: " + c.configuredId() + " is not among the app's credentials (checked "
                                + c.checkedAt() + "); check secret-id"
                        : c.expiresAt() == null ? "expiry unknown (checked " + c.checkedAt() + ")"
                        : c.expiresAt().isAfter(now) ? "expires " + c.expiresAt() + " ("
                                + String.format("%,d", Math.floorDiv(Duration.between(now, c.expiresAt()).toSeconds(), 86_400L))
                                + " days left; checked " + c.checkedAt() + ")"
                        : "EXPIRED on " + c.expiresAt() + " (checked " + c.checkedAt() + "): collect cannot sign in")
                .orElse("expiry unknown (never checked: needs Application.Read.All or Directory.Read.All, and a collect or test-connectivity run)");
    }

    private static void print(PrintStream out, DataTypeStatus d) {
        out.printf("  %s%n", d.dataset());
        out.printf("    selection:         %s%s%n", d.selection().name().toLowerCase(java.util.Locale.ROOT),
                d.probe().map(p -> " — " + p.availability().words() + " (" + p.detail() + ", " + p.probedAt() + ")")
                        .orElse(d.selection() == DataTypeSelection.NO ? "" : " — not probed yet"));
        if (d.selection() == DataTypeSelection.NO) {
            d.watermark().ifPresent(w -> out.printf("    watermark:         %s (not collected any more)%n", w));
            return;
        }
        d.watermark().ifPresent(w -> out.printf("    watermark:         %s%n", w));
        out.printf("    last run:          %s%n", d.lastRun().orElse("never run"));
        if (d.lastRun().isPresent()) {
            var c = d.lastRunCounts();
            out.printf("    written:           %,d new records in %,d new file(s) by the last run%s%n", c.records(), c.files(),
                    c.reread() > 0 ? String.format(" (and %,d re-read within the lookback)", c.reread()) : "");
            if (c.quarantined() > 0) {
                out.printf("    quarantined:       %,d record(s) without a usable id or time, kept in the quarantine dataset%n",
                        c.quarantined());
            }
        }
        d.resumeFirst().forEach(r -> out.printf("    resumes first:     %s (unfinished)%n", r));
        if (d.skippedWhileUnavailable()) {
            out.printf("    next window:       none while unavailable (managed)%n");
        } else {
            d.nextWindow().ifPresent(w -> out.printf("    next window:       %s .. %s%n", w.start(), w.end()));
        }
        d.gaps().forEach(g -> out.printf("    DATA GAP:          %s%n", g.describe()));
        d.clockAhead().ifPresent(c -> out.printf("    CLOCK AHEAD:       %s%n", c));
        d.recordedGaps().forEach(g -> out.printf("    lost earlier:      %s .. %s (found by the run of %s)%n",
                g.from(), g.to(), g.detectedAt()));
    }
}
