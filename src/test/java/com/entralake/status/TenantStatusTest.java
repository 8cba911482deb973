package com.entralake.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.entralake.config.DataTypeSelection;
import com.entralake.connectivity.Availability;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.connectivity.ProbeResult;
import com.entralake.window.DataGap;

/** What makes {@code status} exit 1: only things a person has to act on. */
class TenantStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Duration WARN = Duration.ofDays(90);
    private static final String SECRET_ID = "d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50";
    private static final DataGap GAP = new DataGap(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(30)),
            Duration.ofDays(30));

    private static DataTypeStatus type(DataTypeSelection selection, Availability probe, boolean lastRunOk, List<DataGap> gaps) {
        return new DataTypeStatus("signins", selection,
                Optional.ofNullable(probe).map(a -> new ProbeResult("signins", a, "x", NOW)), Optional.empty(),
                Optional.of("FAILED"), lastRunOk, com.entralake.batch.CollectionCounts.NONE, List.of(), Optional.empty(), gaps,
                List.of(), Optional.empty());
    }

    private static TenantStatus tenant(Optional<ConnectivityStore.CredentialCheck> credentials, DataTypeStatus... types) {
        return new TenantStatus("contoso", "t", "c", SECRET_ID, Optional.empty(), credentials, true,
                List.of(types));
    }

    private static Optional<ConnectivityStore.CredentialCheck> credential(String configuredId, boolean found, Instant expires) {
        return Optional.of(new ConnectivityStore.CredentialCheck("t", NOW, configuredId, found, expires, ""));
    }

    @Test
    void aGapOrAFailedRunOfACollectedTypeNeedsAttention() {
        assertThat(tenant(Optional.empty(), type(DataTypeSelection.MANAGED, Availability.AVAILABLE, true, List.of(GAP)))
                .needsAttention(WARN, NOW)).isTrue();
        assertThat(tenant(Optional.empty(), type(DataTypeSelection.YES, null, false, List.of()))
                .needsAttention(WARN, NOW)).isTrue();
        assertThat(tenant(Optional.empty(), type(DataTypeSelection.YES, null, true, List.of()))
                .needsAttention(WARN, NOW)).isFalse();
    }

    @Test
    void typesThatAreNotCollectedNeverAlert() {
        assertThat(tenant(Optional.empty(), type(DataTypeSelection.NO, null, false, List.of(GAP)))
                .needsAttention(WARN, NOW)).isFalse();
        assertThat(tenant(Optional.empty(), type(DataTypeSelection.MANAGED, Availability.NOT_LICENSED, false, List.of(GAP)))
                .needsAttention(WARN, NOW)).isFalse();
    }

    @Test
    void aSecretExpiringSoonOrNotOnTheAppNeedsAttentionButOnlyForTheConfiguredSecretId() {
        DataTypeStatus fine = type(DataTypeSelection.YES, null, true, List.of());
        assertThat(tenant(credential(SECRET_ID, true, NOW.plus(Duration.ofDays(400))), fine).needsAttention(WARN, NOW)).isFalse();
        assertThat(tenant(credential(SECRET_ID, true, NOW.plus(Duration.ofDays(20))), fine).needsAttention(WARN, NOW)).isTrue();
        assertThat(tenant(credential(SECRET_ID.toUpperCase(), false, null), fine).needsAttention(WARN, NOW)).isTrue();
        TenantStatus rotated = tenant(credential("11111111-1111-1111-1111-111111111111", true, NOW.plus(Duration.ofDays(5))), fine);
        assertThat(rotated.credentialInUse()).as("a check of the secret before rotation").isEmpty();
        assertThat(rotated.needsAttention(WARN, NOW)).isFalse();
    }
}
