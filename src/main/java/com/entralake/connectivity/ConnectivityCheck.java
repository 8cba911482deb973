package com.entralake.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.entralake.auth.AuthenticationFailure;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;
import com.entralake.config.EntraLakeProperties;
import com.entralake.graph.GraphException;
import com.entralake.tenant.TenantSession;
import com.entralake.tenant.TenantSessionFactory;

/**
 * The "Connect" button: sign in, read the token's roles, read the tenant type and the app registration,
 * explain missing permissions, probe every selected data type, review the credentials.
 */
public final class ConnectivityCheck {

    /** Optional, but without it Entra Lake can neither explain a missing permission nor check secret expiry. */
    public static final String APPLICATION_READ_ALL = "Application.Read.All";

    private final TenantSessionFactory sessions;
    private final Duration warnWithin;

    public ConnectivityCheck(TenantSessionFactory sessions, Duration warnWithin) {
        this.sessions = sessions;
        this.warnWithin = warnWithin;
    }

    public ConnectivityReport check(EntraLakeProperties.Tenant tenant, Instant now) {
        String tenantId = tenant.getTenantId().toLowerCase(Locale.ROOT);
        TenantSession session;
        try {
            session = sessions.open(tenant);
        } catch (AuthenticationFailure e) {
            // a login host that stays unavailable is like an unreachable Graph, not a wrong credential
            return notConnected(tenant, tenantId, now,
                    e.reason() == AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE
                            ? ConnectivityReport.Outcome.LOGIN_UNAVAILABLE : ConnectivityReport.Outcome.SIGN_IN_FAILED,
                    e.getMessage());
        }
        Set<String> roles = TokenRoles.of(session.tokens().accessToken());
        TenantType tenantType;
        String graphProblem = null;
        try {
            tenantType = TenantFacts.tenantType(session);
        } catch (GraphException e) {
            if (e.status() == 0) {
                return notConnected(tenant, tenantId, now, ConnectivityReport.Outcome.GRAPH_UNREACHABLE,
                        "a token was obtained, but Graph at " + session.graphBaseUrl() + " did not answer: " + e.getMessage());
            }
            tenantType = TenantType.UNKNOWN;
            graphProblem = e.getMessage();
        }
        Optional<AppRegistrationDetails> registration;
        try {
            registration = TenantFacts.registration(session);
        } catch (GraphException e) {
            registration = Optional.empty();
        }
        List<String> selected = DataTypeCatalog.all().stream()
                .filter(t -> DataTypeSelection.of(tenant, t) != DataTypeSelection.NO)
                .map(DataType::dataset).toList();
        Set<String> needed = new LinkedHashSet<>();
        DataTypeCatalog.all().stream().filter(t -> selected.contains(t.dataset())).forEach(t -> needed.addAll(t.leastPrivilegedPermissions()));
        needed.add(APPLICATION_READ_ALL);
        List<PermissionStatus> permissions = PermissionDiagnosis.diagnose(List.copyOf(needed), roles, registration);
        final TenantType type = tenantType;
        DataTypeProbe probe = new DataTypeProbe(session.graph(), session.graphBaseUrl(), roles, () -> type);
        List<ProbeResult> probes = new ArrayList<>();
        for (DataType dataType : DataTypeCatalog.all()) {
            // 'no' data types are probed too: the report says what they would give if selected
            probes.add(probe.probe(dataType, now));
        }
        boolean answered = graphProblem == null || probes.stream().anyMatch(p -> p.availability() != Availability.UNKNOWN);
        if (!answered) {
            return notConnected(tenant, tenantId, now, ConnectivityReport.Outcome.GRAPH_UNREACHABLE,
                    "a token was obtained, but Graph at " + session.graphBaseUrl() + " kept failing: " + graphProblem);
        }
        Optional<CredentialReview> credentials = ConfiguredCredential.review(registration, tenant, now, warnWithin);
        String note = registration.isPresent() ? ""
                : "the app registration could not be read (grant " + APPLICATION_READ_ALL
                        + "): missing permissions cannot be explained and secret expiry is not checked";
        boolean b2c = tenantType == TenantType.B2C;
        return new ConnectivityReport(tenant.getName(), tenantId, tenant.getClientId(), tenant.getSecretId(), now,
                b2c ? ConnectivityReport.Outcome.UNSUPPORTED_TENANT : ConnectivityReport.Outcome.CONNECTED,
                b2c ? "this is an Azure AD B2C tenant; Entra Lake supports Entra ID (workforce) tenants only" : "",
                tenantType, permissions, note, selected, probes, credentials);
    }

    private static ConnectivityReport notConnected(EntraLakeProperties.Tenant tenant, String tenantId, Instant now,
            ConnectivityReport.Outcome outcome, String problem) {
        return new ConnectivityReport(tenant.getName(), tenantId, tenant.getClientId(), tenant.getSecretId(), now,
                outcome, problem, TenantType.UNKNOWN, List.of(), "", List.of(), List.of(), Optional.empty());
    }
}
