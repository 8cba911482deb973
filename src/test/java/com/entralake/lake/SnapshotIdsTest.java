package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The repeats a snapshot drops are exactly what a set of every id would drop, however the ids were spilled and merged. */
class SnapshotIdsTest {

    @TempDir
    java.nio.file.Path dir;

    private LakeFileSystem lake;
    private Path runDir;

    @BeforeEach
    void open() throws IOException {
        lake = LakeFileSystem.open(dir.toString());
        runDir = new Path(lake.root(), ".ids");
    }

    @AfterEach
    void close() throws IOException {
        lake.close();
    }

    /** What the HashSet did: a write repeats when its id was seen at an earlier position. */
    private static BitSet expectedRepeats(List<String> ids) {
        Set<String> seen = new HashSet<>();
        BitSet repeats = new BitSet();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                repeats.set(i);
            }
        }
        return repeats;
    }

    private static List<String> idsWithRepeats(int writes, long seed) {
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < writes / 3; i++) {
            String guid = new UUID(random.nextLong(), random.nextLong()).toString();
            pool.add(guid);
            switch (i % 9) {
                case 0 -> pool.add(guid.toUpperCase(Locale.ROOT)); // another string: another id
                case 1 -> pool.add("{" + guid + "}");
                case 2 -> pool.add("object-" + i + "-ü");
                case 3 -> pool.add(guid.substring(0, 35)); // one character short of a GUID
                default -> { }
            }
        }
        // GUIDs whose first bits differ only in sign: unsigned order must still put equal ids together
        pool.add("80000000-0000-0000-0000-000000000000");
        pool.add("7fffffff-ffff-ffff-ffff-ffffffffffff");
        pool.add("ffffffff-ffff-ffff-ffff-ffffffffffff");
        pool.add("00000000-0000-0000-0000-000000000000");
        List<String> ids = new ArrayList<>(writes);
        for (int i = 0; i < writes; i++) {
            ids.add(i % 50 == 49 && i > 0 ? ids.get(i - 1) : pool.get(random.nextInt(pool.size())));
        }
        return ids;
    }

    @ParameterizedTest(name = "buffer {0} bytes, fan-in {1}")
    @CsvSource({"8388608, 32", "1, 2", "1, 5", "500, 2", "2000, 3", "20000, 4"})
    void repeatsAreExactlyThoseAfterTheFirstOccurrence(long bufferBytes, int fanIn) throws IOException {
        // one id per run makes a file per write: fewer writes keep that case quick
        List<String> ids = idsWithRepeats(bufferBytes < 100 ? 600 : 3000, bufferBytes * 31 + fanIn);
        BitSet repeats;
        try (SnapshotIds snapshot = new SnapshotIds(lake, runDir, bufferBytes, fanIn)) {
            for (String id : ids) {
                snapshot.add(id);
            }
            repeats = snapshot.repeats();
            assertThat(snapshot.count()).isEqualTo(ids.size());
            if (bufferBytes < 100_000) {
                assertThat(snapshot.runsWritten()).as("spilled and merged").isGreaterThan(fanIn);
            } else {
                assertThat(snapshot.runsWritten()).as("fits the buffer: no disk").isZero();
            }
            snapshot.deleteRuns();
            assertThat(lake.fs().exists(runDir)).isFalse();
        }
        assertThat(repeats).isEqualTo(expectedRepeats(ids));
        assertThat(repeats.cardinality()).as("repeats, and more than the adjacent ones").isGreaterThan(ids.size() / 10);
    }

    @Test
    void anEmptySnapshotHasNoRepeatsAndNoFiles() throws IOException {
        try (SnapshotIds snapshot = new SnapshotIds(lake, runDir, 1, 2)) {
            assertThat(snapshot.repeats().isEmpty()).isTrue();
            assertThat(snapshot.runsWritten()).isZero();
        }
    }

    @Test
    void onlyLowerCaseCanonicalGuidsAreKeptAsBits() {
        assertThat(IdEntry.isCanonicalGuid("5f0a3b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")).isTrue();
        assertThat(IdEntry.isCanonicalGuid("5F0A3B8E-1C2D-4E5F-8A9B-0C1D2E3F4A5B")).isFalse();
        assertThat(IdEntry.isCanonicalGuid("5f0a3b8e1c2d4e5f8a9b0c1d2e3f4a5b")).isFalse();
        assertThat(IdEntry.isCanonicalGuid("5f0a3b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5g")).isFalse();
        assertThat(IdEntry.isCanonicalGuid("5f0a3b8e-1c2d-4e5f-8a9b+0c1d2e3f4a5b")).isFalse();
        // the bits are the GUID's: two GUIDs are one id exactly when their text is equal
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            UUID a = new UUID(random.nextLong(), random.nextLong());
            UUID b = i % 2 == 0 ? a : new UUID(a.getMostSignificantBits(), a.getLeastSignificantBits() ^ (1L << (i % 64)));
            IdEntry x = IdEntry.of(a.toString(), 0);
            IdEntry y = IdEntry.of(b.toString(), 1);
            assertThat(x.sameIdAs(y)).isEqualTo(a.equals(b));
            assertThat(Integer.signum(x.compareTo(y))).isEqualTo(a.equals(b) ? -1
                    : Integer.signum(Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits()) != 0
                            ? Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits())
                            : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits())));
        }
        assertThat(IdEntry.of("5f0a3b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", 0)
                .sameIdAs(IdEntry.of("5F0A3B8E-1C2D-4E5F-8A9B-0C1D2E3F4A5B", 1))).isFalse();
    }

    /** What the buffer costs per id on the heap bounds the whole structure: measured, not assumed. */
    @Test
    void aBufferedGuidCostsAtMostItsEstimate() {
        int n = 1_000_000;
        Runtime rt = Runtime.getRuntime();
        List<IdEntry> held = new ArrayList<>(n);
        Random random = new Random(5);
        long before = usedAfterGc(rt);
        for (int i = 0; i < n; i++) {
            held.add(IdEntry.of(new UUID(random.nextLong(), random.nextLong()).toString(), i));
        }
        long perId = (usedAfterGc(rt) - before) / n;
        assertThat(held).hasSize(n);
        System.out.println("heap per buffered GUID: " + perId + " bytes (estimate " + held.get(0).heapBytes() + ")");
        assertThat(perId).isLessThanOrEqualTo(held.get(0).heapBytes());
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
