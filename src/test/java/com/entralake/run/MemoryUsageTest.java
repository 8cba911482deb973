package com.entralake.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryUsageTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aJvmLeftToItsDefaultHeapIsToldWhatTheJobNeeds() {
        assertThat(MemoryUsage.heapAdvice(6028 * MIB)).hasValueSatisfying(advice ->
                assertThat(advice).contains("6,028 MiB").contains("-Xmx256m"));
    }

    @Test
    void theSchedulesHeapAndAnythingNearItAreFine() {
        assertThat(MemoryUsage.heapAdvice(256 * MIB)).isEmpty();
        assertThat(MemoryUsage.heapAdvice(1024 * MIB)).isEmpty();
        assertThat(MemoryUsage.heapAdvice(1025 * MIB)).isPresent();
    }
}
