package com.entralake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PageOrderTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant END = Instant.parse("2026-11-20T12:00:00Z");

    private static PageOrder.Event at(String time) {
        return new PageOrder.Event(Instant.parse("2026-11-20T" + time + "Z"), time);
    }

    @Test
    void newestFirstAcrossWindowsKeepsThePromise() {
        assertThat(PageOrder.firstViolation(List.of(at("11:50:00"), at("11:10:00"), at("10:40:00"), at("09:05:00")), END,
                HOUR)).isEmpty();
    }

    @Test
    void anyOrderInsideTheOpenWindowAndEqualTimesAreFine() {
        assertThat(PageOrder.firstViolation(List.of(at("11:10:00"), at("11:50:00"), at("11:50:00"), at("11:20:00")), END,
                HOUR)).isEmpty();
    }

    @Test
    void aRecordOfAWindowAlreadyLeftBehindBreaksIt() {
        var violation = PageOrder.firstViolation(List.of(at("11:50:00"), at("10:40:00"), at("11:20:00")), END, HOUR);
        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.id()).isEqualTo("11:20:00");
            assertThat(v.bound()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        });
    }

    @Test
    void theFirstRecordOfAPageIsCheckedAgainstWhatEarlierPagesWrote() {
        // earlier pages wrote down to 10:00 (the open window is 09:00-10:00)
        Instant writtenDownTo = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(PageOrder.firstViolation(List.of(at("09:59:59")), writtenDownTo, HOUR)).isEmpty();
        assertThat(PageOrder.firstViolation(List.of(at("10:00:00")), writtenDownTo, HOUR)).isPresent();
    }
}
