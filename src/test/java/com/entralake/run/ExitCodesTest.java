package com.entralake.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExitCodesTest {

    private static TenantOutcome tenant(TenantOutcome.Status status, DataTypeOutcome.Status... types) {
        List<DataTypeOutcome> outcomes = java.util.Arrays.stream(types).map(s -> DataTypeOutcome.of("signins", s, "")).toList();
        return new TenantOutcome("t", "00000000-0000-0000-0000-000000000000", status, "", outcomes);
    }

    @Test
    void managedSkipIsSuccessButExplicitYesUnavailableIsPartial() {
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.COLLECTED,
                DataTypeOutcome.Status.SKIPPED_UNAVAILABLE, DataTypeOutcome.Status.DISABLED)))).isEqualTo(0);
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.UNAVAILABLE)))).isEqualTo(1);
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.FAILED)))).isEqualTo(1);
    }

    @Test
    void authenticationIsThreeOnlyWhenEveryTenantThatRanFailedToSignIn() {
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.AUTHENTICATION_FAILED)))).isEqualTo(3);
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.AUTHENTICATION_FAILED),
                tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.COLLECTED)))).isEqualTo(1);
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.AUTHENTICATION_FAILED),
                tenant(TenantOutcome.Status.LOCKED)))).isEqualTo(3);
    }

    @Test
    void mostSevereWinsInTheDocumentedOrder() {
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.LOCKED),
                tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.FAILED)))).isEqualTo(4);
        assertThat(ExitCodes.of(List.of(tenant(TenantOutcome.Status.LOCKED),
                tenant(TenantOutcome.Status.DONE, DataTypeOutcome.Status.CRASHED)))).isEqualTo(5);
        assertThat(ExitCodes.mostSevere(3, 2)).isEqualTo(3);
        assertThat(ExitCodes.mostSevere(2, 4)).isEqualTo(2);
        assertThat(ExitCodes.mostSevere(0, 4)).isEqualTo(4);
    }
}
