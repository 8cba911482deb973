package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.Licences;

/** The tenant's licence, as the probes of the types that need P1/P2 tell it: the newest decisive answer wins. */
class RetentionTest {

    private static final Instant MONDAY = Instant.parse("2026-09-21T10:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-09-22T10:00:00Z");

    private static final String SIGN_INS = "signins";
    private static final String PROVISIONING = "provisioning_logs";

    private static ProbeResult probe(String dataset, Availability availability, Instant at) {
        return new ProbeResult(dataset, availability, availability.toString(), at);
    }

    /** The probes as the store returns them, keyed by dataset. */
    private static Map<String, ProbeResult> probes(ProbeResult... results) {
        Map<String, ProbeResult> byDataset = new HashMap<>();
        for (ProbeResult result : results) {
            byDataset.put(result.dataset(), result);
        }
        return byDataset;
    }

    @Test
    void bothTypesUsedHereNeedPremium() {
        for (String dataset : new String[] {SIGN_INS, PROVISIONING}) {
            assertThat(DataTypeCatalog.byDataset(dataset).orElseThrow().licence()).isEqualTo(Licences.ENTRA_ID_P1_P2);
        }
    }

    @Test
    void withoutADecisiveAnswerPremiumIsAssumed() {
        assertThat(Retention.premium(Map.of())).isTrue();
        assertThat(Retention.premium(probes(probe(SIGN_INS, Availability.UNKNOWN, TUESDAY),
                probe(PROVISIONING, Availability.MISSING_PERMISSION, TUESDAY)))).isTrue();
    }

    @Test
    void notLicensedMeansFree() {
        assertThat(Retention.premium(probes(probe(SIGN_INS, Availability.NOT_LICENSED, MONDAY)))).isFalse();
    }

    /** A tenant that bought P1/P2 keeps "not licensed" probes from before, e.g. of a type it later switched off. */
    @Test
    void anOlderNotLicensedIsOverruledByANewerAvailable() {
        Map<String, ProbeResult> probes = probes(probe(PROVISIONING, Availability.NOT_LICENSED, MONDAY),
                probe(SIGN_INS, Availability.AVAILABLE, TUESDAY));
        assertThat(Retention.premium(probes)).isTrue();
        assertThat(Retention.of(DataTypeCatalog.byDataset(SIGN_INS).orElseThrow(), probes))
                .isEqualTo(DataTypeCatalog.byDataset(SIGN_INS).orElseThrow().retention().withPremium());
    }

    /** And a tenant whose P1/P2 lapsed: the newer "not licensed" wins over an older "available". */
    @Test
    void aNewerNotLicensedOverrulesAnOlderAvailable() {
        Map<String, ProbeResult> probes = probes(probe(PROVISIONING, Availability.AVAILABLE, MONDAY),
                probe(SIGN_INS, Availability.NOT_LICENSED, TUESDAY));
        assertThat(Retention.premium(probes)).isFalse();
    }

    @Test
    void aTieNeverShortensTheRetention() {
        Map<String, ProbeResult> probes = probes(probe(PROVISIONING, Availability.NOT_LICENSED, TUESDAY),
                probe(SIGN_INS, Availability.AVAILABLE, TUESDAY));
        assertThat(Retention.premium(probes)).isTrue();
    }
}
