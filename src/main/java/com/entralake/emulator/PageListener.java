package com.entralake.emulator;

/** Called synchronously after a Graph page response has been fully written. */
@FunctionalInterface
public interface PageListener {
    void pageServed(String tenantId, String path, int pageNumber, int recordCount);
}
