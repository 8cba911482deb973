package com.entralake.emulator;

/**
 * Called synchronously when a Graph page (users, groups, signIns, directoryAudits) has been written except for its
 * final byte: the client cannot have the complete page before the listener returns, so a listener that moves the
 * clock or adds records acts strictly between page N and page N+1. Not called for truncated responses.
 */
@FunctionalInterface
public interface PageListener {
    void pageServed(String tenantId, String path, int pageNumber, int recordCount);
}
