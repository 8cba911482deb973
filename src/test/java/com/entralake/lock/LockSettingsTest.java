package com.entralake.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LockSettingsTest {

    @Test
    void theDefaultsAreValid() {
        LockSettings settings = new LockSettings();
        assertThat(settings.problem()).isNull();
        assertThat(settings.getCheckInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.getStaleAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void staleAfterMustSpanSeveralIntervals() {
        LockSettings settings = new LockSettings();
        settings.setStaleAfter(Duration.ofSeconds(10));
        assertThat(settings.problem().key()).isEqualTo("entralake.lock.stale-after");
        assertThat(settings.problem().message()).startsWith("must be at least three times");
        settings.setStaleAfter(Duration.ofSeconds(15));
        assertThat(settings.problem()).isNull();
        settings.setCheckInterval(Duration.ZERO);
        assertThat(settings.problem().key()).isEqualTo("entralake.lock.check-interval");
    }
}
