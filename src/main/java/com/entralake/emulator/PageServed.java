package com.entralake.emulator;

/** Tells the emulator's page listeners that a page is about to be complete on the wire. */
@FunctionalInterface
interface PageServed {
    void served(String tenantId, String path, int page, int count);
}
