package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import com.entralake.window.TimeWindow;

class LakeLayoutTest {

    private final LakeLayout layout = new LakeLayout(new Path("file:/lake"));
    private final String tenant = TestRecords.TENANT;

    @Test
    void windowFileIsDerivedFromTheWindowAlone() {
        TimeWindow window = TimeWindow.containing(Instant.parse("2026-11-27T13:25:00Z"), Duration.ofHours(1));

        Path file = layout.windowFile("signins", tenant, window);

        assertThat(file.toString()).isEqualTo("file:/lake/signins/tenant_id=" + tenant
                + "/event_date=2026-11-27/signins-20261127T130000Z-PT1H.parquet");
        assertThat(layout.windowFile("signins", tenant,
                new TimeWindow(Instant.parse("2026-11-27T13:00:00Z"), Instant.parse("2026-11-27T14:00:00Z"))))
                .isEqualTo(file);
    }

    @Test
    void windowAtMidnightLandsInItsStartDay() {
        TimeWindow window = new TimeWindow(Instant.parse("2026-11-27T23:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"));

        assertThat(layout.windowFile("directory_audits", tenant, window).toString())
                .endsWith("/directory_audits/tenant_id=" + tenant
                        + "/event_date=2026-11-27/directory_audits-20261127T230000Z-PT1H.parquet");
    }

    @Test
    void partitionsAndManifest() {
        LocalDate day = LocalDate.parse("2026-11-27");
        assertThat(layout.snapshotPartition("users", tenant, day).toString())
                .isEqualTo("file:/lake/users/tenant_id=" + tenant + "/snapshot_date=2026-11-27");
        assertThat(layout.eventPartition("signins", tenant, day).getName()).isEqualTo("event_date=2026-11-27");
        assertThat(layout.manifestFile("users", tenant).toString())
                .isEqualTo("file:/lake/users/tenant_id=" + tenant + "/_manifest.json");
    }

    @Test
    void temporaryIsAHiddenSibling() {
        Path target = new Path("file:/lake/signins/tenant_id=" + tenant + "/event_date=2026-11-27/x.parquet");

        Path temp = LakeLayout.inProgressFile(target);

        assertThat(temp.getParent()).isEqualTo(target.getParent());
        assertThat(temp.getName()).startsWith(".x.parquet.inprogress-").doesNotEndWith(".parquet");
        assertThat(LakeLayout.isHidden(temp)).isTrue();
        assertThat(LakeLayout.inProgressFile(target)).isNotEqualTo(temp);
    }

    @Test
    void rejectsTenantNamesAndBadDatasets() {
        assertThatThrownBy(() -> layout.datasetTenantDir("signins", "contoso.onmicrosoft.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant id must be the directory (tenant) GUID");
        assertThatThrownBy(() -> layout.datasetTenantDir("signins", "../" + tenant))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.datasetTenantDir("SignIns", tenant))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower_snake_case");
        assertThatThrownBy(() -> layout.datasetTenantDir("sign-ins", tenant)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.datasetTenantDir("signins/../x", tenant)).isInstanceOf(IllegalArgumentException.class);
        assertThat(layout.datasetTenantDir("directory_audits", tenant.toUpperCase()).getName())
                .isEqualTo("tenant_id=" + tenant);
    }
}
