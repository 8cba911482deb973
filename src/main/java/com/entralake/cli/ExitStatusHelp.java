package com.entralake.cli;

/** The exit-status table printed by every --help (and repeated in the README). */
final class ExitStatusHelp {
    static final String TABLE = """
            Exit status:
              0  everything selected was collected (a managed data type skipped because
                 it is not licensed or not permitted still counts, and is reported)
              1  partial: at least one tenant or data type failed, or was skipped against an
                 explicit 'yes'; everything else is committed
              2  configuration error (nothing ran)
              3  authentication error (no token) for every tenant that ran
              4  another run holds the lock
              5  unexpected failure (a bug)
            With several tenants the most severe code wins, in the order 5, 3, 2, 4, 1.""";

    private ExitStatusHelp() {
    }
}
