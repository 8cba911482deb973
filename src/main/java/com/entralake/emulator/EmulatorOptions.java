package com.entralake.emulator;

import java.nio.file.Path;

/**
 * @param port           0 = ephemeral
 * @param trustStorePath where to write the PKCS12 trust store; null = a temp file
 * @param seed           seed of the deterministic generators
 * @param sampleData     directory to load the demo tenant from (see sample-data/README.md); null = none
 */
public record EmulatorOptions(int port, Path trustStorePath, long seed, Path sampleData) {

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, null, 1L, null);
    }

    /** Loads the demo tenant from the given sample-data directory. */
    public static EmulatorOptions demo(Path sampleData) {
        return new EmulatorOptions(0, null, 1L, sampleData);
    }

    public EmulatorOptions withPort(int p) {
        return new EmulatorOptions(p, trustStorePath, seed, sampleData);
    }

    public EmulatorOptions withTrustStorePath(Path p) {
        return new EmulatorOptions(port, p, seed, sampleData);
    }

    public EmulatorOptions withSeed(long s) {
        return new EmulatorOptions(port, trustStorePath, s, sampleData);
    }

    public EmulatorOptions withSampleData(Path p) {
        return new EmulatorOptions(port, trustStorePath, seed, p);
    }
}
