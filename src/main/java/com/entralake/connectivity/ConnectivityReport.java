package com.entralake.connectivity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of testing one tenant: whether Entra Lake can connect, which permissions it has and why
 * others are missing, what each data type's probe found, and what the app's credentials say.
 *
 * @param problem           what to fix when not connected (empty when connected)
 * @param selectedDatasets  the data types selected yes or managed; {@code probes} covers every data type
 */
public record ConnectivityReport(
        String tenantName,
        String tenantId,
        String clientId,
        String secretId,
        Instant checkedAt,
        Outcome outcome,
        String problem,
        TenantType tenantType,
        List<PermissionStatus> permissions,
        String registrationNote,
        List<String> selectedDatasets,
        List<ProbeResult> probes,
        Optional<CredentialReview> credentials) {

    public enum Outcome {
        /** A token was obtained and the tenant's Graph answered. */
        CONNECTED,
        /** The token endpoint refused (AADSTS…), the credential could not be read, or its TLS certificate is not trusted. */
        SIGN_IN_FAILED,
        /** The token endpoint stayed unavailable (timeouts, resets, 5xx, 429) for every attempt: not a credential problem. */
        LOGIN_UNAVAILABLE,
        /** A token was obtained but Graph could not be reached or kept failing. */
        GRAPH_UNREACHABLE,
        /** Connected to an Azure AD B2C tenant, which Entra Lake does not support. */
        UNSUPPORTED_TENANT
    }

    public ConnectivityReport {
        permissions = List.copyOf(permissions);
        selectedDatasets = List.copyOf(selectedDatasets);
        probes = List.copyOf(probes);
    }

    public boolean connected() {
        return outcome == Outcome.CONNECTED;
    }

    /** The one-line verdict stored for {@code status}. */
    public String verdict() {
        return switch (outcome) {
            case CONNECTED -> {
                long available = probes.stream().filter(p -> selectedDatasets.contains(p.dataset()))
                        .filter(p -> p.availability() == Availability.AVAILABLE).count();
                yield "Connected (" + available + " of " + selectedDatasets.size() + " selected data types available)";
            }
            case SIGN_IN_FAILED, LOGIN_UNAVAILABLE, GRAPH_UNREACHABLE -> "Not connected: " + problem;
            case UNSUPPORTED_TENANT -> "Not supported: " + problem;
        };
    }
}
