package com.entralake.lock;

import java.util.Optional;

/**
 * Keeps two runs from writing the same tenant. Held for the whole run and released by the operating
 * system or the database when the process dies, so a crashed run never leaves a stale lock behind.
 *
 * <p>A lock can also be lost while its process lives on (the database session that holds it ends, the
 * lock file is deleted): so every commit point calls {@link #ensureHeld()} first, and a run that lost its
 * lock stops writing before anything more commits.
 */
public interface TenantLock extends AutoCloseable {

    /** For sessions that never write (test-connectivity): it holds nothing, so asking whether it does is a bug. */
    TenantLock NONE = new TenantLock() {
        @Override
        public void ensureHeld() {
            throw new UnsupportedOperationException("this session holds no tenant lock: only collect takes one");
        }

        @Override
        public void close() {
        }
    };

    /**
     * Returns when this run still holds the lock; throws {@link TenantLockLostException} otherwise. Cheap
     * (one query on the lock's own connection, or a file attribute read). Once lost, a lock stays lost:
     * another run may have taken it in between.
     */
    void ensureHeld();

    /** The reason the lock is lost, or empty while it is held. */
    default Optional<String> lost() {
        try {
            ensureHeld();
            return Optional.empty();
        } catch (TenantLockLostException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    void close();
}
