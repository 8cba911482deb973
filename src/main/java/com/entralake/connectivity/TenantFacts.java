package com.entralake.connectivity;

import java.util.Optional;

import com.entralake.catalog.DataTypeCatalog;
import com.entralake.graph.GraphException;
import com.entralake.graph.GraphQuery;
import com.entralake.tenant.TenantSession;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads what a tenant says about itself: its type (B2C or not) and the app's own registration. */
public final class TenantFacts {

    private TenantFacts() {
    }

    /** {@code organization.tenantType}; UNKNOWN when the app may not read the organization. */
    public static TenantType tenantType(TenantSession session) {
        try {
            var page = session.graph().fetch(GraphQuery.resource(session.graphBaseUrl(),
                    DataTypeCatalog.ORGANIZATION.graphPath() + "?$select=id,tenantType"));
            return page.records().isEmpty() ? TenantType.UNKNOWN
                    : TenantType.of(page.records().get(0).path("tenantType").asText(null));
        } catch (GraphException e) {
            if (e.kind() == GraphException.Kind.PERMISSION) {
                return TenantType.UNKNOWN;
            }
            throw e;
        }
    }

    /**
     * The app's registration, or empty when Graph refuses it (no Application.Read.All): that only costs
     * the explanations and the expiry check, never the collection.
     */
    public static Optional<AppRegistrationDetails> registration(TenantSession session) {
        try {
            JsonNode app = session.graph().fetchEntity(AppRegistrationDetails.url(session.graphBaseUrl(),
                    session.config().getClientId()));
            return Optional.of(AppRegistrationDetails.parse(app));
        } catch (GraphException e) {
            if (e.kind() == GraphException.Kind.PERMISSION || e.kind() == GraphException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
