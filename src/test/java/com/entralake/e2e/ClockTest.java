package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.EntraLakeApplication;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.LakeQueries;

/**
 * The job's clock against Graph's real time: a run whose clock was ahead must not make the windows after
 * the real time look settled, a clock moved back must not lose anything either, and a first backfill
 * resumed later reports as lost only what Graph really held and Entra Lake did not collect.
 */
@Tag("fault-injection")
class ClockTest extends EmulatedCollectionTest {

    private static final String SIGN_INS_ONLY = "--data-type=signins";


    /** Graph's real time (the emulator's clock) and the job's clock, set apart. */
    private static Captured collect(Case c, Instant graphTime, Instant jobClock) {
        fixture.emulator.clock().set(graphTime);
        return fixture.collectCapturing(c.config(), jobClock, SIGN_INS_ONLY);
    }

    private static void assertExact(Case c, Instant from, Instant to) throws Exception {
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", from, to));
        }
    }

    private static Captured status(Case c, Instant now) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int exit = EntraLakeApplication.run("status", "--config=" + c.config(), "--now=" + now);
            return new Captured(exit, bytes.toString(StandardCharsets.UTF_8), "");
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void aRunWhoseClockWasAheadIsSetAsideAndItsWindowsAreReadAgainOnceTheClockIsRight() throws Exception {
        Case c = newCase("clock-ahead", 60, 1, Map.of());
        Instant ahead = NOW.plus(Duration.ofDays(2));
        assertThat(collect(c, NOW, ahead).exitCode()).isZero();

        // an hour later, with the clock right again: status says what is wrong before collect repairs it
        Instant later = NOW.plus(Duration.ofHours(1));
        fixture.emulator.clock().set(later);
        Captured before = status(c, later);
        assertThat(before.exitCode()).as(before.stdout()).isEqualTo(1);
        assertThat(before.stdout()).contains("CLOCK AHEAD").contains(ahead.toString());
        assertThat(before.stdout().strip().lines().reduce((a, b) -> b).orElseThrow())
                .as("the last line says why status exits 1").startsWith("Needs attention").contains("clock ahead");

        Captured repaired = collect(c, later, later);
        assertThat(repaired.exitCode()).as(repaired.all()).isZero();
        assertThat(repaired.all()).contains("planned with a clock ahead of now");
        Instant end = Instant.parse("2026-11-20T11:00:00Z");
        assertExact(c, end.minus(Duration.ofDays(2)), end);
        assertThat(status(c, later).stdout()).doesNotContain("CLOCK AHEAD");

        // real time passes the bad run's clock: its range stays set aside, nothing in between is taken as settled
        Instant muchLater = ahead.plus(Duration.ofHours(1));
        assertThat(collect(c, muchLater, muchLater).exitCode()).isZero();
        assertExact(c, end.minus(Duration.ofDays(2)), Instant.parse("2026-11-22T11:00:00Z"));
    }

    @Test
    void aClockMovedBackBetweenRunsLosesNothing() throws Exception {
        Case c = newCase("clock-back", 60, 1, Map.of());
        assertThat(collect(c, NOW, NOW).exitCode()).isZero();
        Instant back = NOW.minus(Duration.ofDays(1));
        assertThat(collect(c, NOW, back).exitCode()).isZero();
        Instant right = NOW.plus(Duration.ofHours(3));
        assertThat(collect(c, right, right).exitCode()).isZero();
        assertExact(c, START.minus(Duration.ofDays(1)), Instant.parse("2026-11-20T13:00:00Z"));
    }

    /**
     * A clock moved back sets the later run aside (which clock was wrong cannot be known), but what that run
     * collected is not reported as lost once it ages out of Graph: the lake has it.
     */
    @Test
    void aRunSetAsideForAClockMovedBackIsNoFalseDataGapLater() throws Exception {
        Case c = newCase("clock-back-no-gap", 30, 1, Map.of());
        Instant base = NOW.minus(Duration.ofDays(40));
        assertThat(collect(c, base, base).exitCode()).isZero();
        java.util.List<String> first;
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            first = lake.idRows("signins");
        }
        Instant back = base.minus(Duration.ofDays(1));
        assertThat(collect(c, base, back).exitCode()).isZero();

        Instant monthLater = base.plus(Duration.ofDays(29)); // a day later the set-aside run's first day ages out
        Captured later = collect(c, monthLater, monthLater);
        assertThat(later.exitCode()).as(later.all()).isZero();
        assertThat(later.all()).doesNotContain("DATA GAP");
        assertThat(status(c, monthLater).stdout()).doesNotContain("DATA GAP").doesNotContain("lost earlier");
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).as("what the set-aside run collected stays").containsAll(first)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void nowLaterThanTheMachinesClockIsRefusedBeforeAnythingRuns() throws Exception {
        Case c = newCase("clock-future", 60, 1, Map.of());
        Captured refused = fixture.collectCapturing(c.config(), Instant.now().plus(Duration.ofDays(1)), SIGN_INS_ONLY);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.all()).contains("later than this machine's clock");
        assertThat(c.lake().resolve("signins")).doesNotExist();
    }

    @Test
    void aResumedFirstBackfillReportsAsLostOnlyWhatGraphHeldWhenItWasPlanned() throws Exception {
        Case c = newCase("retention-noise", 4, 1, Map.of("entralake.collection.backfill", "P30D"));
        fixture.emulator.faults().failFromPage(c.tenant().tenantId(), 2);
        assertThat(collect(c, NOW, NOW).exitCode()).isEqualTo(1);
        fixture.emulator.faults().clearFailFromPage(c.tenant().tenantId());

        Instant retry = NOW.plus(Duration.ofMinutes(10));
        Captured resumed = collect(c, retry, retry);

        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        // the range began an hour and seven minutes before NOW - 30 days (alignment, lag): Graph never had that part
        Instant heldWhenPlanned = NOW.minus(Duration.ofDays(30));
        assertThat(resumed.all()).contains("DATA GAP: records from " + heldWhenPlanned + " to "
                + retry.minus(Duration.ofDays(30)));
        assertThat(resumed.all()).doesNotContain("records from 2026-10-21T09:00:00Z");
    }
}
