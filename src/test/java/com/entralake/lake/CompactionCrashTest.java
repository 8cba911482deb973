package com.entralake.lake;

import static com.entralake.lake.PartitionCompactorTest.DAY;
import static com.entralake.lake.PartitionCompactorTest.hour;
import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.testing.LakeQueries;

/**
 * A process compacting a day, or replacing a window inside a compacted day, is killed (Runtime.halt, as kill -9:
 * no finally block, no shutdown hook) just before each rename or delete it makes, one run per step. After each
 * kill a reader globbing the dataset sees every record once or, for the instant between the swap's two renames,
 * none of that day; never one twice. Then the next run's clean-up and the same operation again leave exactly the
 * day's records, compacted, and nothing hidden behind.
 */
@Tag("fault-injection")
class CompactionCrashTest {

    @TempDir
    java.nio.file.Path root;

    @Test
    void killedAtEveryStepOfACompactionTheRerunLeavesExactlyTheDaysRecordsOnce() throws Exception {
        int crashes = 0;
        for (int step = 1; ; step++) {
            java.nio.file.Path dir = Files.createDirectory(root.resolve("compact-" + step));
            List<String> ids;
            try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
                ids = PartitionCompactorTest.writeDay(lake, new LakeLayout(lake.root()), 24, 20);
            }
            if (runChild(dir, "compact", step) == 0) {
                break;
            }
            crashes++;
            assertAllOrNoneAndNeverTwice(dir, ids);
            try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
                rerun(lake, "compact");
            }
            assertExactlyCompacted(dir, ids);
        }
        assertThat(crashes).as("steps of a compaction (rename aside, rename in, delete the old day)").isEqualTo(3);
    }

    @Test
    void killedAtEveryStepOfAWindowReplacedInACompactedDayTheRerunLeavesItsRecordsOnce() throws Exception {
        assertThat(crashesAddingALateRecord("merge", true)).isEqualTo(3);
    }

    /**
     * A day read whole from Graph again (after an interrupted read left its window files) replaces them with its one
     * compacted file in one swap: killed at each of its steps, the day is the old one, the new one or briefly absent.
     */
    @Test
    void killedAtEveryStepOfAWholeDayReplacingItsWindowFilesTheRerunLeavesItsRecordsOnce() throws Exception {
        assertThat(crashesAddingALateRecord("whole", false))
                .as("rename the window files' day aside, rename the whole day in, delete the old day").isEqualTo(3);
    }

    /**
     * Runs {@code scenario} (the day re-read with one late record) over a day of window files, compacted first or
     * not, killed before each of its steps in turn, and checks every kill and its rerun; returns how many kills.
     */
    private int crashesAddingALateRecord(String scenario, boolean compactFirst) throws Exception {
        int crashes = 0;
        for (int step = 1; ; step++) {
            java.nio.file.Path dir = Files.createDirectory(root.resolve(scenario + "-" + step));
            List<String> before;
            try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
                before = PartitionCompactorTest.writeDay(lake, new LakeLayout(lake.root()), 24, 20);
                if (compactFirst) {
                    PartitionCompactorTest.compactor(lake, 128 * PartitionCompactorTest.MIB)
                            .compact(new LakeLayout(lake.root()).eventPartition("signins", TENANT, DAY)).orElseThrow();
                }
            }
            List<String> after = new ArrayList<>(before);
            after.add("late");
            if (runChild(dir, scenario, step) == 0) {
                return crashes;
            }
            crashes++;
            // killed mid-swap: the day as it was, or (between the renames) absent; the late record not yet, or once
            try (LakeQueries queries = new LakeQueries(dir)) {
                List<String> seen = queries.hasFiles("signins") ? queries.idRows("signins") : List.of();
                assertThat(seen).as("step %d", step).doesNotHaveDuplicates();
                assertThat(Set.copyOf(seen)).as("step %d: the day before, after, or (mid-swap) absent", step)
                        .isIn(Set.of(), Set.copyOf(before), Set.copyOf(after));
            }
            try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
                rerun(lake, scenario);
            }
            assertExactlyCompacted(dir, after);
        }
    }

    private static void assertAllOrNoneAndNeverTwice(java.nio.file.Path dir, List<String> ids) throws Exception {
        try (LakeQueries queries = new LakeQueries(dir)) {
            List<String> seen = queries.hasFiles("signins") ? queries.idRows("signins") : List.of();
            assertThat(seen).doesNotHaveDuplicates();
            if (!seen.isEmpty()) {
                assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
            }
        }
    }

    private static void assertExactlyCompacted(java.nio.file.Path dir, List<String> ids) throws Exception {
        try (LakeQueries queries = new LakeQueries(dir)) {
            assertThat(queries.idRows("signins")).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("/."))
                .filteredOn(p -> p.startsWith("signins/") && p.endsWith(".parquet"))
                .containsExactly("signins/tenant_id=" + TENANT + "/event_date=" + DAY
                        + "/signins-20261127T000000Z-P1D-part-00000.parquet");
    }

    /** What the next run does: clean up at its start, then the same work again. */
    private static void rerun(LakeFileSystem lake, String scenario) throws Exception {
        LakeLayout layout = new LakeLayout(lake.root());
        CleanUp.removeAbandonedTemporaries(lake, layout.datasetTenantDir("signins", TENANT));
        work(lake, scenario);
    }

    private static void work(LakeFileSystem lake, String scenario) throws Exception {
        LakeLayout layout = new LakeLayout(lake.root());
        Path day = layout.eventPartition("signins", TENANT, DAY);
        PartitionCompactor compactor = PartitionCompactorTest.compactor(lake, 128 * PartitionCompactorTest.MIB);
        if (scenario.equals("compact")) {
            compactor.compact(day);
            return;
        }
        if (scenario.equals("whole")) {
            // the whole day read again, newest first, with one record Graph published late
            try (EventWindowWriter writer = PartitionCompactorTest.wholeDayWriter(lake, layout, compactor)) {
                PartitionCompactorTest.writeWholeDay(writer, 24, 20, "v2");
                writer.write("late", record("late", hour(0).start().plusSeconds(30), 0, "v1"));
                writer.commit();
            }
            return;
        }
        // a re-read of hour 13: the same records (same ids, so they replace themselves) and one that arrived late
        try (EventWindowWriter writer = new EventWindowWriter(lake, layout.windowFile("signins", TENANT, hour(13)), SCHEMA,
                ParquetSettings.defaults(), PartitionCompactorTest.compactedDay(lake, hour(13)))) {
            for (int n = 0; n < 20; n++) {
                writer.write("h13-r" + n, record("h13-r" + n, hour(13).start().plusSeconds(n), 0, "v2"));
            }
            writer.write("late", record("late", hour(13).start().plusSeconds(30), 0, "v1"));
            writer.commit();
        }
    }

    private static int runChild(java.nio.file.Path dir, String scenario, int step) throws Exception {
        java.nio.file.Path log = dir.resolveSibling(dir.getFileName() + ".log");
        Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), KilledAtStep.class.getName(), dir.toString(), scenario,
                Integer.toString(step))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isIn(0, 137);
        return child.exitValue();
    }

    /** The child: does the work and halts just before its {@code step}-th rename or delete. */
    public static final class KilledAtStep {
        public static void main(String[] args) throws Exception {
            int step = Integer.parseInt(args[2]);
            AtomicInteger seen = new AtomicInteger();
            LakeFileSystem lake = LakeFileSystem.open(args[0]);
            lake.observeMutations((operation, path) -> {
                if (seen.incrementAndGet() == step) {
                    Runtime.getRuntime().halt(137);
                }
            });
            work(lake, args[1]);
        }
    }
}
