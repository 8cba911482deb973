package com.entralake.lock;

/**
 * This run no longer holds its tenant's lock: it must not commit anything more for the tenant. The message
 * is for the operator (what happened to the lock); it has no cause, so it is the one line a failed step
 * reports. The collector counts it as an operational failure (exit 1, the next run resumes), not as a bug; it is
 * no {@link IllegalStateException}, which stays what it says: the code reached a state it never should.
 */
public class TenantLockLostException extends RuntimeException {
    public TenantLockLostException(String message) {
        super(message);
    }
}
