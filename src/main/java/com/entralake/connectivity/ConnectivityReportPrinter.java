package com.entralake.connectivity;

import java.io.PrintStream;
import java.util.Map;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;

/** Prints a connectivity report the way an operator reads it: what works, what does not, what to do. */
public final class ConnectivityReportPrinter {

    /** Columns line up whatever the dataset names: as wide as the longest one in the catalogue. */
    private static final int DATASET_WIDTH = DataTypeCatalog.all().stream().mapToInt(t -> t.dataset().length())
            .max().orElse(17);

    private ConnectivityReportPrinter() {
    }

    public static void print(PrintStream out, ConnectivityReport r, Map<String, DataTypeSelection> selections) {
        out.printf("Tenant '%s' (tenant %s, client %s, secret id %s)%n", r.tenantName(), r.tenantId(), r.clientId(),
                r.secretId() == null || r.secretId().isBlank() ? "not configured" : r.secretId());
        if (r.outcome() == ConnectivityReport.Outcome.SIGN_IN_FAILED
                || r.outcome() == ConnectivityReport.Outcome.LOGIN_UNAVAILABLE
                || r.outcome() == ConnectivityReport.Outcome.GRAPH_UNREACHABLE) {
            out.println("  " + r.verdict());
            out.println();
            return;
        }
        out.println("  Sign-in:      token obtained");
        out.println("  Tenant type:  " + switch (r.tenantType()) {
            case AAD -> "Entra ID (AAD)";
            case B2C -> "Azure AD B2C — not supported";
            case UNKNOWN -> "unknown (the app may not read /organization)";
        });
        out.println("  Permissions:");
        for (PermissionStatus p : r.permissions()) {
            String optional = ConnectivityCheck.APPLICATION_READ_ALL.equals(p.permission())
                    ? " (optional: explains missing permissions, checks secret expiry)" : "";
            out.printf("    %-8s %s%s%s%n", p.state() == PermissionStatus.State.GRANTED ? "granted" : "MISSING",
                    p.permission(), optional, p.state() == PermissionStatus.State.GRANTED ? "" : " — " + p.state().advice());
        }
        if (!r.registrationNote().isEmpty()) {
            out.println("    note: " + r.registrationNote());
        }
        out.println("  Data types:");
        for (DataType type : DataTypeCatalog.all()) {
            DataTypeSelection selection = selections.getOrDefault(type.dataset(), DataTypeSelection.MANAGED);
            ProbeResult probe = r.probes().stream().filter(p -> p.dataset().equals(type.dataset())).findFirst().orElse(null);
            if (probe == null) {
                continue;
            }
            out.printf("    %-" + (DATASET_WIDTH + 1) + "s %-20s %s%n", type.dataset(), probe.availability().words(),
                    consequence(probe, selection) + (probe.availability() == Availability.AVAILABLE ? "" : " — " + probe.detail()));
        }
        r.credentials().ifPresent(c -> {
            out.println("  Credentials:");
            c.inUse().ifPresent(used -> out.printf("    %s expires %s (%,d day(s) left)%n", used.describe(),
                    used.endDateTime(), c.daysLeft().orElse(0L)));
            c.warnings().forEach(w -> out.println("    warning: " + w));
        });
        out.println("  " + r.verdict());
        out.println();
    }

    static String consequence(ProbeResult probe, DataTypeSelection selection) {
        boolean available = probe.availability() == Availability.AVAILABLE;
        return switch (selection) {
            case YES -> available ? "collected (selected yes)"
                    : "selected yes but unavailable: every collect run reports it and exits 1";
            case MANAGED -> available ? "collected (managed)"
                    : probe.availability().skipsManaged() ? "skipped while unavailable (managed; re-checked)"
                    : "collected (managed; the probe was inconclusive)";
            case NO -> "not collected (selected no)";
        };
    }
}
