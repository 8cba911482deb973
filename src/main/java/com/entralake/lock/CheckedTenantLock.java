package com.entralake.lock;

/**
 * A lock whose holding can be checked on demand ({@link #check()}), and that stays lost once a check found it
 * lost: a lock that was gone for a moment may have been taken by another run in that moment. Synchronized,
 * because the watchdog thread and the step thread both ask.
 */
abstract class CheckedTenantLock implements TenantLock {

    private String lost;

    /** Null while the lock is held, else why not. */
    protected abstract String check();

    @Override
    public final synchronized void ensureHeld() {
        if (lost == null) {
            lost = check();
        }
        if (lost != null) {
            throw new TenantLockLostException(lost);
        }
    }

    /** Whether a check has found the lock lost (nothing is checked here). */
    protected final synchronized boolean foundLost() {
        return lost != null;
    }
}
