package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectivityStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private ConnectivityStore store;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new ConnectivityStore(h2);
        store.ensureSchema();
        store.ensureSchema(); // idempotent: every command calls it
    }

    @Test
    void aProbeIsReplacedNotAddedAndTenantsStayApart() {
        store.saveProbe("t1", new ProbeResult("signins", Availability.NOT_LICENSED, "needs P1", NOW));
        store.saveProbe("t1", new ProbeResult("signins", Availability.AVAILABLE, "Graph answered", NOW.plusSeconds(60)));
        store.saveProbe("t1", new ProbeResult("users", Availability.MISSING_PERMISSION, "needs User.Read.All", NOW));
        store.saveProbe("t2", new ProbeResult("signins", Availability.NOT_APPLICABLE, "B2C", NOW));

        assertThat(store.probes("t1")).containsOnlyKeys("signins", "users");
        assertThat(store.probes("t1").get("signins"))
                .isEqualTo(new ProbeResult("signins", Availability.AVAILABLE, "Graph answered", NOW.plusSeconds(60)));
        assertThat(store.probes("t2").get("signins").availability()).isEqualTo(Availability.NOT_APPLICABLE);
        assertThat(store.probes("t3")).isEmpty();
    }

    @Test
    void aReportKeepsItsVerdictProbesAndCredentialExpiry() {
        Instant expires = NOW.plus(Duration.ofDays(42));
        CredentialReview review = CredentialReview.of(List.of(new AppCredential(AppCredential.Kind.SECRET,
                "d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50", "x", expires, "")), "d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50",
                null, NOW, Duration.ofDays(90));
        ConnectivityReport report = new ConnectivityReport("contoso", "t1", "c1", "d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50",
                NOW, ConnectivityReport.Outcome.CONNECTED, "", TenantType.AAD, List.of(), "", List.of("groups"),
                List.of(new ProbeResult("groups", Availability.AVAILABLE, "Graph answered", NOW)), Optional.of(review));
        store.save(report);

        ConnectivityStore.TenantCheck check = store.lastCheck("t1").orElseThrow();
        assertThat(check.outcome()).isEqualTo(ConnectivityReport.Outcome.CONNECTED);
        assertThat(check.verdict()).isEqualTo("Connected (1 of 1 selected data types available)");
        assertThat(check.tenantType()).isEqualTo(TenantType.AAD);
        assertThat(check.checkedAt()).isEqualTo(NOW);
        assertThat(store.probes("t1")).containsOnlyKeys("groups");
        ConnectivityStore.CredentialCheck credentials = store.credentials("t1").orElseThrow();
        assertThat(credentials.expiresAt()).isEqualTo(expires);
        assertThat(credentials.warnings()).contains("expires in 42 day(s)");
        assertThat(store.lastCheck("other")).isEmpty();
    }

    @Test
    void aGapFoundTwiceIsKeptOnceWithItsLatestEnd() {
        Instant from = Instant.parse("2026-10-20T05:00:00Z");
        store.saveGap("t1", "signins", new com.entralake.window.DataGap(from, Instant.parse("2026-10-27T00:00:00Z"),
                Duration.ofDays(30)), NOW);
        store.saveGap("t1", "signins", new com.entralake.window.DataGap(from, Instant.parse("2026-10-28T03:00:00Z"),
                Duration.ofDays(30)), NOW.plusSeconds(3600));
        store.saveGap("t1", "directory_audits", new com.entralake.window.DataGap(from, Instant.parse("2026-10-28T03:00:00Z"),
                Duration.ofDays(30)), NOW);

        assertThat(store.gaps("t1", "signins")).containsExactly(new ConnectivityStore.RecordedGap(from,
                Instant.parse("2026-10-28T03:00:00Z"), NOW.plusSeconds(3600)));
        assertThat(store.gaps("t1", "directory_audits")).hasSize(1);
        assertThat(store.gaps("t2", "signins")).isEmpty();
    }
}
