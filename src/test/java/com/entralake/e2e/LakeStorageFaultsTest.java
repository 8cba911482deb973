package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.DiskFullFileSystem;
import com.entralake.testing.LakeQueries;
import com.entralake.testing.ReadOnlyFileSystem;

/**
 * The lake's storage failing: a disk that fills up in the middle of a window, and a lake that cannot be
 * written at all. Each ends with one clear message and its exit status, no partial file a reader could see,
 * and — once there is room again — exactly the ids Graph served.
 */
@Tag("fault-injection")
class LakeStorageFaultsTest extends EmulatedCollectionTest {

    @Test
    void aDiskThatFillsUpMidRunFailsTheRunCleanlyAndTheNextRunWithRoomEndsExact() throws Exception {
        Case c = newCase("disk-full", 120, 5, Map.of());
        Map<String, String> full = Map.of(
                "entralake.lake-root", "diskfull://" + c.lake().toAbsolutePath(),
                "entralake.hadoop.fs.diskfull.impl", DiskFullFileSystem.class.getName(),
                "entralake.hadoop.fs.diskfull.disk", "disk-full-test",
                "entralake.hadoop.fs.diskfull.capacity-bytes", "400000");
        java.util.Map<String, String> filling = new java.util.HashMap<>(full);
        filling.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo-disk-full") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        java.nio.file.Path fillingConfig = fixture.config("disk-full-filling.properties", java.util.List.of(c.tenant()), filling);

        Captured run = fixture.collectCapturing(fillingConfig, NOW, "--data-type=signins");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.stdout()).contains("could not be written (No space left on device)")
                .contains("every window committed before is complete");
        assertThat(run.all()).doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(");
        try (LakeQueries lake = new LakeQueries(c.lake()); Stream<java.nio.file.Path> files = Files.walk(c.lake())) {
            assertThat(lake.idRows("signins")).as("some windows fitted, each whole").isNotEmpty()
                    .doesNotHaveDuplicates();
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".")).toList())
                    .as("the window that did not fit left no temporary file").isEmpty();
        }

        assertThat(fixture.collect(c.config(), NOW, "--data-type=signins")).as("room again").isZero();
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", START, END));
        }
    }

    /**
     * Compacting the final days fails (the staging area cannot be created), and so does writing a day whole: what
     * was collected stays committed in its window files, the run still succeeds and says so, and the next run compacts the days — the same records.
     */
    @Test
    void aCompactionThatFailsLeavesTheCollectedDaysInTheirWindowFilesForTheNextRun() throws Exception {
        Case c = newCase("compaction-fails", 60, 2, Map.of());
        Files.createDirectories(c.lake());
        Files.writeString(c.lake().resolve("_staging"), "a file where the staging folder goes");

        Captured run = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(run.exitCode()).as(run.all()).isZero();
        // a day read whole is written in the staging area too: without it, the days are written window by window
        assertThat(run.all()).contains("writing its days window by window");
        assertThat(run.stdout()).contains("could not compact event_date=")
                .contains("it stays in its window files and the next run tries again");
        java.util.List<String> ids = c.tenant().emulated().visibleIds("signins", START, END).stream().toList();
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(lake.strings("SELECT count(*) FROM read_parquet('" + lake.glob("signins")
                    + "', filename = true) WHERE filename LIKE '%-P1D-part-%'").get(0)).isEqualTo("0");
        }

        Files.delete(c.lake().resolve("_staging"));
        Captured next = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.stdout()).containsPattern("compacted [0-9]+ final day\\(s\\)");
        try (LakeQueries lake = new LakeQueries(c.lake())) {
            assertThat(lake.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(lake.strings("SELECT count(*) FROM read_parquet('" + lake.glob("signins")
                    + "', filename = true) WHERE filename LIKE '%-P1D-part-%'").get(0)).isNotEqualTo("0");
        }
    }

    @Test
    void aLakeThatCannotBeWrittenIsAConfigurationErrorBeforeGraphIsAsked() throws Exception {
        Case c = newCase("read-only", 60, 5, Map.of(
                "entralake.lake-root", "readonly://" + dir.resolve("lake-read-only").toAbsolutePath(),
                "entralake.hadoop.fs.readonly.impl", ReadOnlyFileSystem.class.getName()));
        Files.createDirectories(dir.resolve("lake-read-only"));
        fixture.emulator.clearRequestLog();

        Captured run = fixture.collectCapturing(c.config(), NOW);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.all()).contains("read-only");
        assertThat(fixture.emulator.requestLog()).noneMatch(r -> c.tenant().tenantId().equals(r.tenantId()));
    }
}
