package com.entralake.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownSettingsTest {

    @Test
    void theKnownKeysAreDerivedFromTheProperties() {
        assertThat(KnownSettings.keys()).contains("entralake.lake-root", "entralake.lock-dir",
                "entralake.collection.window", "entralake.http.audit-log-requests-per10s",
                "entralake.secret-expiry.webhook-url", "entralake.tenants[*].client-private-key-pem-file",
                "entralake.tenants[*].data-types.*", "entralake.hadoop.**", "entralake.now");
    }

    @Test
    void keysCompareAsSpringsRelaxedBindingDoes() {
        assertThat(KnownSettings.isKnown("entralake.lake-root")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.lakeRoot")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.LAKE_ROOT")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.tenants[12].tenant-id")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.tenants[0].data-types.signins")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.hadoop.fs.s3a.endpoint")).isTrue();
        assertThat(KnownSettings.isKnown("entralake.lake-rot")).isFalse();
        assertThat(KnownSettings.isKnown("entralake.tenants.tenant-id")).isFalse();
        assertThat(KnownSettings.isKnown("entralake.hadoop")).isFalse();
        assertThat(KnownSettings.isSection("entralake.tenants")).isTrue();
    }

    @Test
    void theNearestKnownKeyKeepsTheListIndex() {
        assertThat(KnownSettings.nearest("entralake.lake-rot")).hasValue("entralake.lake-root");
        assertThat(KnownSettings.nearest("entralake.tenants[3].tenantid")).hasValue("entralake.tenants[3].tenant-id");
        assertThat(KnownSettings.nearest("entralake.read-timeout")).hasValue("entralake.http.read-timeout");
        assertThat(KnownSettings.nearest("entralake.something-else-entirely")).isEmpty();
    }
}
