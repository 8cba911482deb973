package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.LakeQueries;
import com.entralake.window.TimeWindow;

/**
 * A writer process that dies without running any finally block or shutdown hook (Runtime.halt, as with
 * kill -9) in the middle of a window and of a snapshot: readers see the previous commit only, and the
 * next run's clean-up removes the leftovers.
 */
class CrashTest {

    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-27T13:00:00Z"), Instant.parse("2026-11-27T14:00:00Z"));
    static final LocalDate DAY = LocalDate.parse("2026-11-27");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void crashMidWindowAndMidSnapshotLeavesOnlyThePreviousCommitVisible() throws Exception {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            LakeLayout layout = new LakeLayout(lake.root());
            Path windowFile = layout.windowFile("signins", TENANT, WINDOW);
            try (EventWindowWriter w = new EventWindowWriter(lake, windowFile, SCHEMA, ParquetSettings.defaults())) {
                w.write("before", record("before", WINDOW.start(), 0, "v1"));
                w.commit();
            }
            try (SnapshotWriter w = new SnapshotWriter(lake, layout.snapshotPartition("users", TENANT, DAY),
                    SCHEMA, ParquetSettings.defaults(), 2)) {
                w.write("before", record("before", WINDOW.start(), 0, "v1"));
                w.commit();
            }

            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    CrashingRun.class.getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(137);
            Files.delete(dir.resolve("child.log"));

            List<String> afterCrash = TestRecords.tree(dir);
            assertThat(afterCrash).anyMatch(p -> p.contains(".inprogress-")).anyMatch(p -> p.contains(".staging-"));
            assertThat(TestRecords.read(windowFile, lake.conf())).extracting(r -> r.get("id").toString()).containsExactly("before");
            // what a glob over the dataset matches: the crashed snapshot's part files (complete ones and the one
            // the kill cut short) are staged outside the dataset's folder, where no such glob reaches
            assertThat(afterCrash).filteredOn(p -> p.startsWith("users/") && p.endsWith(".parquet"))
                    .containsExactly("users/tenant_id=" + TENANT + "/snapshot_date=2026-11-27/part-00000.parquet");
            try (LakeQueries queries = new LakeQueries(dir)) {
                assertThat(queries.idRows("users")).as(queries.glob("users")).containsExactly("before");
                assertThat(queries.idRows("signins")).as(queries.glob("signins")).containsExactly("before");
            }

            int removed = CleanUp.removeAbandonedTemporaries(lake, layout.datasetTenantDir("signins", TENANT))
                    + CleanUp.removeAbandonedTemporaries(lake, layout.datasetTenantDir("users", TENANT));

            assertThat(removed).isEqualTo(2);
            assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."));
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** The child process: opens a window and a snapshot, writes, and dies before committing. */
    public static final class CrashingRun {
        public static void main(String[] args) throws Exception {
            LakeFileSystem lake = LakeFileSystem.open(args[0]);
            LakeLayout layout = new LakeLayout(lake.root());
            EventWindowWriter window = new EventWindowWriter(lake, layout.windowFile("signins", TENANT, WINDOW),
                    SCHEMA, ParquetSettings.defaults());
            SnapshotWriter snapshot = new SnapshotWriter(lake, layout.snapshotPartition("users", TENANT, DAY),
                    SCHEMA, ParquetSettings.defaults(), 2);
            for (int i = 0; i < 1000; i++) {
                window.write("crash-" + i, record("crash-" + i, WINDOW.start(), 0, "v2"));
                snapshot.write("crash-" + i, record("crash-" + i, WINDOW.start(), 0, "v2"));
            }
            Runtime.getRuntime().halt(137);
        }
    }
}
