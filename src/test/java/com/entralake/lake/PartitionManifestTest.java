package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.lake.PartitionManifest.Manifest;
import com.entralake.window.TimeWindow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PartitionManifestTest {

    private static final Duration LOOKBACK = Duration.ofHours(2);
    private static final LocalDate D = LocalDate.parse("2026-11-26");
    /** D+1 day + lookback: from here on no run re-collects a window of D. */
    private static final Instant BOUNDARY = Instant.parse("2026-11-27T02:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void eventDayIsFinalExactlyWhenItsEndPlusLookbackIsAtOrBeforeTheWatermark() {
        assertThat(PartitionManifest.isEventPartitionFinal(D, BOUNDARY, LOOKBACK)).isTrue();
        assertThat(PartitionManifest.isEventPartitionFinal(D, BOUNDARY.minusNanos(1_000), LOOKBACK)).isFalse();
        assertThat(PartitionManifest.isEventPartitionFinal(D, BOUNDARY.plusSeconds(3600), LOOKBACK)).isTrue();
        assertThat(PartitionManifest.isEventPartitionFinal(D.plusDays(1), BOUNDARY, LOOKBACK)).isFalse();
    }

    @Test
    void eventManifestListsPartitionsWithTheirStateAndIsValidJson() throws IOException {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            LakeLayout layout = new LakeLayout(lake.root());
            writeWindow(lake, layout, Instant.parse("2026-11-26T23:00:00Z"));
            writeWindow(lake, layout, Instant.parse("2026-11-27T01:00:00Z"));
            // a hidden temporary must not be listed
            EventWindowWriter open = new EventWindowWriter(lake, layout.windowFile("signins", TENANT,
                    new TimeWindow(Instant.parse("2026-11-27T03:00:00Z"), Instant.parse("2026-11-27T04:00:00Z"))),
                    SCHEMA, ParquetSettings.defaults());
            Instant now = Instant.parse("2026-11-27T02:07:00Z");

            PartitionManifest.writeEvents(lake, layout, "signins", TENANT, BOUNDARY.minusNanos(1_000), LOOKBACK, now);
            Manifest before = PartitionManifest.read(lake, layout, "signins", TENANT);
            PartitionManifest.writeEvents(lake, layout, "signins", TENANT, BOUNDARY, LOOKBACK, now);
            Manifest at = PartitionManifest.read(lake, layout, "signins", TENANT);
            open.abort();

            assertThat(before.partition("event_date=2026-11-26").state()).isEqualTo(PartitionManifest.PROVISIONAL);
            assertThat(at.partition("event_date=2026-11-26").state()).isEqualTo(PartitionManifest.FINAL);
            assertThat(at.partition("event_date=2026-11-27").state()).isEqualTo(PartitionManifest.PROVISIONAL);
            assertThat(at.partition("event_date=2026-11-27").files()).containsExactly("signins-20261127T010000Z-PT1H.parquet");
            assertThat(at.partition("event_date=2026-11-26").bytes()).isEqualTo(Files.size(dir.resolve(
                    "signins/tenant_id=" + TENANT + "/event_date=2026-11-26/signins-20261126T230000Z-PT1H.parquet")));
            assertThat(at.watermark()).isEqualTo(BOUNDARY);
            assertThat(at.lookback()).isEqualTo(LOOKBACK);
            assertThat(at.kind()).isEqualTo("events");

            JsonNode json = new ObjectMapper().readTree(dir.resolve("signins/tenant_id=" + TENANT + "/_manifest.json").toFile());
            assertThat(json.get("dataset").asText()).isEqualTo("signins");
            assertThat(json.get("tenant_id").asText()).isEqualTo(TENANT);
            assertThat(json.get("watermark").asText()).isEqualTo("2026-11-27T02:00:00Z");
            assertThat(json.get("lookback").asText()).isEqualTo("PT2H");
            assertThat(json.get("updated_at").asText()).isEqualTo("2026-11-27T02:07:00Z");
            assertThat(json.get("partitions")).hasSize(2);
            assertThat(TestRecords.tree(dir)).noneMatch(p -> p.contains("_manifest.json.inprogress"));
        }
    }

    @Test
    void onlyTheLatestSnapshotDayIsProvisional() throws IOException {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            LakeLayout layout = new LakeLayout(lake.root());
            for (String day : new String[] {"2026-11-25", "2026-11-26"}) {
                try (SnapshotWriter w = new SnapshotWriter(lake, layout.snapshotPartition("users", TENANT, LocalDate.parse(day)),
                        SCHEMA, ParquetSettings.defaults(), 100)) {
                    w.write("u", record("u", Instant.parse(day + "T00:00:00Z"), 0, day));
                    w.commit();
                }
            }

            PartitionManifest.writeSnapshot(lake, layout, "users", TENANT, D, Instant.parse("2026-11-26T03:00:00Z"));
            Manifest m = PartitionManifest.read(lake, layout, "users", TENANT);

            assertThat(m.kind()).isEqualTo("snapshot");
            assertThat(m.latestSnapshotDate()).isEqualTo(D);
            assertThat(m.partitions()).extracting(p -> p.partition() + ":" + p.state()).containsExactly(
                    "snapshot_date=2026-11-25:final", "snapshot_date=2026-11-26:provisional");
            assertThat(m.partition("snapshot_date=2026-11-26").files()).containsExactly("part-00000.parquet");
        }
    }

    private static void writeWindow(LakeFileSystem lake, LakeLayout layout, Instant start) throws IOException {
        TimeWindow window = new TimeWindow(start, start.plusSeconds(3600));
        Path file = layout.windowFile("signins", TENANT, window);
        try (EventWindowWriter w = new EventWindowWriter(lake, file, SCHEMA, ParquetSettings.defaults())) {
            w.write("x" + start, record("x" + start, start, 0, "v1"));
            w.commit();
        }
    }
}
