package com.entralake.lock;

/**
 * Keeps two runs from writing the same tenant. Held for the whole run and released by the operating
 * system or the database when the process dies, so a crashed run never leaves a stale lock behind.
 */
public interface TenantLock extends AutoCloseable {

    @Override
    void close();
}
