package com.entralake.connectivity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.entralake.catalog.DataType;
import com.entralake.graph.GraphClient;
import com.entralake.graph.GraphException;
import com.entralake.graph.GraphQuery;

/**
 * Asks Graph for one record of a data type and classifies the answer. Graph gives the same 403
 * ({@code Authentication_RequestFromNonPremiumTenantOrB2CTenant}) to an unlicensed tenant, a B2C
 * tenant and an app missing Directory.Read.All, so the probe tells them apart with the tenant type
 * and the token's roles before calling anything "not licensed".
 */
public final class DataTypeProbe {

    private final GraphClient graph;
    private final URI graphBase;
    private final Set<String> roles;
    private final Supplier<TenantType> tenantType;

    /** {@code tenantType} is asked only when a licence 403 needs explaining. */
    public DataTypeProbe(GraphClient graph, URI graphBase, Set<String> roles, Supplier<TenantType> tenantType) {
        this.graph = graph;
        this.graphBase = graphBase;
        this.roles = Set.copyOf(roles);
        this.tenantType = tenantType;
    }

    public ProbeResult probe(DataType type, Instant now) {
        try {
            graph.fetch(probeUrl(graphBase, type), type);
            return new ProbeResult(type.dataset(), Availability.AVAILABLE, "Graph answered", now);
        } catch (GraphException e) {
            return classify(type, e, now);
        }
    }

    /** Classifies a Graph refusal of this data type (from a probe or from a collection run). */
    public ProbeResult classify(DataType type, GraphException e, Instant now) {
        List<String> missing = missingPermissions(type, roles);
        String dataset = type.dataset();
        return switch (e.kind()) {
            case LICENCE -> {
                if (tenantType.get() == TenantType.B2C) {
                    yield new ProbeResult(dataset, Availability.NOT_APPLICABLE,
                            "an Azure AD B2C tenant: Entra Lake does not support B2C tenants", now);
                }
                if (!missing.isEmpty()) {
                    yield new ProbeResult(dataset, Availability.MISSING_PERMISSION, "needs " + String.join(" and ", missing)
                            + " (Graph reports a missing " + missing.get(0) + " like a missing licence)", now);
                }
                yield new ProbeResult(dataset, Availability.NOT_LICENSED, "needs " + licenceOf(type)
                        + " (Graph: " + e.graphCode() + ")", now);
            }
            case PERMISSION -> new ProbeResult(dataset, Availability.MISSING_PERMISSION, missing.isEmpty()
                    ? "Graph refused although the token carries " + String.join(", ", type.leastPrivilegedPermissions())
                            + "; a fresh grant can take a few minutes to apply"
                    : "needs " + String.join(" and ", missing), now);
            case NOT_FOUND, WITHDRAWN -> new ProbeResult(dataset, Availability.NOT_APPLICABLE,
                    "this tenant's Graph has no such endpoint (" + e.getMessage() + ")", now);
            default -> new ProbeResult(dataset, Availability.UNKNOWN, e.getMessage(), now);
        };
    }

    static List<String> missingPermissions(DataType type, Set<String> roles) {
        return type.missingPermissions(roles);
    }

    private static String licenceOf(DataType type) {
        return type.licence().isNeeded() ? type.licence().name() : "a licence Graph did not name";
    }

    /** One record is enough to prove access; its id only, to keep the answer small. */
    static URI probeUrl(URI graphBase, DataType type) {
        return GraphQuery.probe(graphBase, type);
    }
}
