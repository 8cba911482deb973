package com.entralake.e2e;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.CollectFixture;

/**
 * One emulator per test class, its clock and the job's both at {@link #NOW} before each test (tests that
 * move time move both explicitly). Each test uses its own tenant, so tests never see each other's data.
 */
abstract class EmulatedCollectionTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:07:00Z");
    /** The first run's range at {@link #NOW}: a two-day backfill up to the last boundary before now - lag. */
    static final Instant START = Instant.parse("2026-11-18T10:00:00Z");
    static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    static Path dir;
    static CollectFixture fixture;

    @BeforeAll
    static void startEmulator() {
        fixture = CollectFixture.start(dir);
    }

    @AfterAll
    static void stopEmulator() {
        fixture.close();
    }

    @BeforeEach
    void clocksAtNow() {
        fixture.emulator.clock().set(NOW);
    }
}
