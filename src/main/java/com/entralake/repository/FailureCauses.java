package com.entralake.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.transaction.TransactionSystemException;

/**
 * Every throwable behind a failure, the ones its layers hide included. A cause chain is not enough: when a
 * transaction fails because the job repository's connection broke, its rollback fails too (HikariCP has
 * closed the broken connection), and Spring throws the rollback's "Connection is closed" with the real reason
 * kept aside as the {@link TransactionSystemException#getApplicationException() application exception};
 * try-with-resources likewise keeps a second failure as a suppressed one.
 */
public final class FailureCauses {

    private FailureCauses() {
    }

    /** {@code failure}, then its causes, each followed by what it hides; each throwable once (cycles are cut). */
    public static List<Throwable> of(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        collect(failure, all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private static void collect(Throwable failure, List<Throwable> all, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            all.add(t);
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                collect(rollback.getApplicationException(), all, seen);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                collect(suppressed, all, seen);
            }
        }
    }
}
