package com.entralake.run;

import java.util.List;

/**
 * The exit statuses of every command (the README repeats this table). With several tenants the most
 * severe wins, in the order 5, 3, 2, 4, 1.
 */
public final class ExitCodes {
    public static final int SUCCESS = 0;
    public static final int PARTIAL = 1;
    public static final int CONFIGURATION = 2;
    public static final int AUTHENTICATION = 3;
    public static final int LOCKED = 4;
    public static final int UNEXPECTED = 5;

    private static final List<Integer> SEVERITY = List.of(UNEXPECTED, AUTHENTICATION, CONFIGURATION, LOCKED, PARTIAL);

    private ExitCodes() {
    }

    public static int of(List<TenantOutcome> tenants) {
        List<TenantOutcome> ran = tenants.stream().filter(t -> t.status() != TenantOutcome.Status.LOCKED).toList();
        boolean everyRunAuthFailed = !ran.isEmpty()
                && ran.stream().allMatch(t -> t.status() == TenantOutcome.Status.AUTHENTICATION_FAILED);
        int worst = SUCCESS;
        for (TenantOutcome t : tenants) {
            worst = mostSevere(worst, codeOf(t, everyRunAuthFailed));
        }
        return worst;
    }

    private static int codeOf(TenantOutcome t, boolean everyRunAuthFailed) {
        switch (t.status()) {
            case CRASHED:
                return UNEXPECTED;
            case LOCKED:
                return LOCKED;
            case FAILED:
                return PARTIAL;
            case AUTHENTICATION_FAILED:
                // "3" means no tenant could sign in; one tenant with a bad secret among good ones is partial
                return everyRunAuthFailed ? AUTHENTICATION : PARTIAL;
            default:
                int code = SUCCESS;
                for (DataTypeOutcome d : t.dataTypes()) {
                    int c = switch (d.status()) {
                        case CRASHED -> UNEXPECTED;
                        case FAILED, UNAVAILABLE -> PARTIAL;
                        default -> SUCCESS;
                    };
                    code = mostSevere(code, c);
                }
                return code;
        }
    }

    static int mostSevere(int a, int b) {
        if (a == SUCCESS) {
            return b;
        }
        if (b == SUCCESS) {
            return a;
        }
        return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
    }
}
