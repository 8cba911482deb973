package com.entralake.lock;

/**
 * This run no longer holds its tenant's lock: it must not commit anything more for the tenant. The message
 * is for the operator (what happened to the lock); it has no cause, so it is the one line a failed step
 * reports. An {@link IllegalStateException}: the run's state no longer allows it to go on, which the
 * collector counts as an operational failure (exit 1, the next run resumes), not as a bug.
 */
public class TenantLockLostException extends IllegalStateException {
    public TenantLockLostException(String message) {
        super(message);
    }
}
