package com.entralake.repository;

import org.slf4j.Logger;

/**
 * How a best-effort use of the job repository — a probe result, a data gap or a credential review kept for
 * {@code status}, never the collection's own state — says that it failed.
 *
 * <p>When the repository's connection was lost, the data type or tenant that needs it fails with one message
 * saying so (where, why, what was committed); a warning from every side use it met on the way would bury that
 * message in a wall of text, so these say what was not kept at INFO. Any other failure is a warning: it recurs
 * on the next run and someone should look.
 */
public final class BestEffortUse {

    private BestEffortUse() {
    }

    /** Logs {@code what} (e.g. "users: the data gap could not be stored") with the reason it failed. */
    public static void failed(Logger log, String what, RuntimeException failure) {
        ConnectionLoss.cause(failure).ifPresentOrElse(
                lost -> log.info("{}: the job repository connection was lost ({})", what, lost),
                () -> log.warn("{}: {}", what, failure.getMessage()));
    }
}
