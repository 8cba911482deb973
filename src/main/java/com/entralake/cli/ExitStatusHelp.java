package com.entralake.cli;

/**
 * Each command's exit-status table, printed at the end of its --help and repeated in the README's
 * "Exit status" section (ExitStatusHelpTest keeps the two the same). Picocli needs constants in its
 * annotations, hence text blocks; each line fits 80 columns, so picocli never wraps one mid-sentence.
 */
final class ExitStatusHelp {

    static final String COLLECT = """
            Exit status:
              0  everything selected was collected (a managed data type skipped because
                 it is not licensed or not permitted still counts, and is reported)
              1  partial: at least one tenant or data type failed, or was skipped against
                 an explicit 'yes'; everything else is committed
              2  configuration error, or the job repository cannot be reached — nothing
                 ran
              3  authentication error for every tenant that ran: the token endpoint
                 refused the credentials, they could not be read, or its TLS
                 certificate is not trusted; a login host that stayed unavailable is
                 not one: that tenant failed (1)
              4  another run holds the lock
              5  unexpected failure (a bug)
            With several tenants the most severe code wins, in the order 5, 3, 2, 4, 1.""";

    static final String TEST_CONNECTIVITY = """
            Exit status:
              0  every selected tenant is connected (some data types may be unavailable;
                 the report says which and why)
              1  a tenant is not usable for now: Graph or the login host stayed
                 unavailable (timeouts, resets, HTTP 5xx/429), or it is a B2C tenant
              2  configuration error, or the job repository cannot be reached — nothing
                 was tested
              3  a tenant could not sign in (wrong, expired or unreadable secret or
                 certificate, unknown tenant, app not in tenant, untrusted TLS certificate)
            With several tenants the most severe code wins, in the order 3, 1.""";

    static final String STATUS = """
            Exit status:
              0  nothing needs attention
              1  something needs attention (the last line says what): a data gap, a last
                 run that did not complete, a run whose clock was ahead, or a client
                 secret expiring within secret-expiry.warn-within
              2  configuration error, or the job repository cannot be reached""";

    static final String PERMISSIONS = """
            Exit status:
              0  the permissions were printed
              2  usage error: an unknown data type, format or option""";

    static final String EMULATOR = """
            Exit status (it runs until stopped, e.g. with Ctrl-C):
              2  configuration error: no demo tenant in --sample-data, or --port is not a
                 free port""";

    private ExitStatusHelp() {
    }
}
