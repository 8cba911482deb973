package com.entralake.lake;

import static com.entralake.lake.TestRecords.SCHEMA;
import static com.entralake.lake.TestRecords.TENANT;
import static com.entralake.lake.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.window.TimeWindow;

class CleanUpTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void removesLeftoversOfACrashedRunAndNothingElse() throws IOException {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            LakeLayout layout = new LakeLayout(lake.root());
            TimeWindow committedWindow = new TimeWindow(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:00:00Z"));
            TimeWindow crashedWindow = new TimeWindow(Instant.parse("2026-11-27T11:00:00Z"), Instant.parse("2026-11-27T12:00:00Z"));
            Path committed = layout.windowFile("signins", TENANT, committedWindow);
            try (EventWindowWriter w = new EventWindowWriter(lake, committed, SCHEMA, ParquetSettings.defaults())) {
                w.write("a", record("a", committedWindow.start(), 0, "v1"));
                w.commit();
            }
            // simulate kill -9: writers opened, never committed nor aborted
            EventWindowWriter crashed = new EventWindowWriter(lake,
                    layout.windowFile("signins", TENANT, crashedWindow), SCHEMA, ParquetSettings.defaults());
            crashed.write("b", record("b", crashedWindow.start(), 0, "v1"));
            Path tenantDir = layout.datasetTenantDir("signins", TENANT);
            Path stagingArea = new Path(lake.root(), "_staging/signins/tenant_id=" + TENANT);
            lake.fs().mkdirs(new Path(stagingArea, ".snapshot_date=2026-11-27.staging-x"));
            lake.fs().create(new Path(stagingArea, ".snapshot_date=2026-11-27.staging-x/part-00000.parquet")).close();
            // staged beside the partition, as versions before the staging area did
            lake.fs().mkdirs(new Path(tenantDir, ".snapshot_date=2026-11-24.staging-v"));
            // moved aside while its successor was swapped in: the successor made it, so the old copy goes
            lake.fs().mkdirs(new Path(tenantDir, "snapshot_date=2026-11-26"));
            lake.fs().mkdirs(new Path(stagingArea, ".snapshot_date=2026-11-26.replaced-y"));
            // moved aside and then the run died: it is the only copy of that day, so it comes back
            lake.fs().mkdirs(new Path(stagingArea, ".snapshot_date=2026-11-25.replaced-w"));
            lake.fs().create(new Path(stagingArea, ".snapshot_date=2026-11-25.replaced-w/part-00000.parquet")).close();
            // the same, moved aside beside the partition by an older version
            lake.fs().mkdirs(new Path(tenantDir, ".snapshot_date=2026-11-23.replaced-u"));
            lake.fs().create(new Path(tenantDir, ".snapshot_date=2026-11-23.replaced-u/part-00000.parquet")).close();
            lake.fs().create(new Path(tenantDir, "._manifest.json.inprogress-z")).close();
            Path manifestTarget = layout.manifestFile("signins", TENANT);
            lake.fs().create(manifestTarget).close();

            int removed = CleanUp.removeAbandonedTemporaries(lake, tenantDir);

            assertThat(removed).isEqualTo(5);
            assertThat(TestRecords.tree(dir.resolve("signins/tenant_id=" + TENANT))).containsExactly(
                    "_manifest.json", "event_date=2026-11-27", "event_date=2026-11-27/signins-20261127T100000Z-PT1H.parquet",
                    "snapshot_date=2026-11-23", "snapshot_date=2026-11-23/part-00000.parquet",
                    "snapshot_date=2026-11-25", "snapshot_date=2026-11-25/part-00000.parquet", "snapshot_date=2026-11-26");
            assertThat(TestRecords.tree(dir.resolve("_staging/signins/tenant_id=" + TENANT))).isEmpty();
            assertThat(CleanUp.removeAbandonedTemporaries(lake, tenantDir)).isZero();
            assertThat(CleanUp.removeAbandonedTemporaries(lake,
                    layout.datasetTenantDir("users", TENANT))).as("absent folder").isZero();
            assertThat(Files.exists(dir.resolve("signins/tenant_id=" + TENANT + "/event_date=2026-11-27"))).isTrue();
            crashed.abort();
        }
    }
}
