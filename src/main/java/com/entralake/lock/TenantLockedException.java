package com.entralake.lock;

/** Another live run holds the tenant's lock (exit status 4). */
public class TenantLockedException extends RuntimeException {
    public TenantLockedException(String message) {
        super(message);
    }
}
