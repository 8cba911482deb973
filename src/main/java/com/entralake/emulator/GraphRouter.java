package com.entralake.emulator;

import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.PermissionNeed;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Graph's front door: the bearer token is checked as Graph checks it, the tenant's faults are applied,
 * and the request goes to the resource that serves its path — every catalogued data type by its own entry (path,
 * API version, mode, time property and operators, page size, permissions, licence), and the entities the
 * connectivity test reads.
 */
final class GraphRouter {

    private final URI base;
    private final TenantDirectory tenants;
    private final AccessTokens tokens;
    private final GraphFaults faults;
    /** One resource per collection mode, registered once: nothing else in the emulator branches on the mode. */
    private final Map<Class<? extends CollectionMode>, ListingResource> resources;
    private final TenantEntities entities;

    GraphRouter(URI base, TenantDirectory tenants, AccessTokens tokens, GraphFaults faults, EventListing events,
                DirectoryListing directory, SingleObjectResource singleObjects, TenantEntities entities) {
        this.base = base;
        this.tenants = tenants;
        this.tokens = tokens;
        this.faults = faults;
        this.resources = Map.of(CollectionMode.TimeWindows.class, events, CollectionMode.Listing.class, directory,
                CollectionMode.SingleObject.class, singleObjects);
        this.entities = entities;
    }

    /** Whether the path is Graph's: {@code /v1.0/…} or {@code /beta/…}. */
    static boolean isGraphPath(String path) {
        return path.equals("/v1.0") || path.startsWith("/v1.0/") || path.equals("/beta") || path.startsWith("/beta/");
    }

    void handle(Exchange c) throws IOException {
        Optional<Caller> caller = authenticate(c);
        if (caller.isEmpty()) {
            return;
        }
        EmulatedTenant t = caller.get().tenant();
        Set<String> roles = caller.get().roles();
        String version = c.path.startsWith("/beta") ? "beta" : "v1.0";
        String decodedRoute = trimSlash(c.ex.getRequestURI().getPath().substring(version.length() + 1));
        List<DataType> atPath = DataTypeCatalog.all().stream()
                .filter(d -> d.version().segment().equals(version) && d.path().equalsIgnoreCase(decodedRoute))
                .toList();
        Optional<DataType> type = FixedFilters.typeOf(atPath, QueryOptions.parse(c.rawQuery).get("$filter"));
        if (faults.answered(c, t.id(), type.orElse(null))) {
            return;
        }
        if (!"GET".equals(c.method)) {
            c.graphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
            return;
        }
        if (type.isPresent()) {
            serve(c, t, roles, type.get());
            return;
        }
        if (!atPath.isEmpty()) {
            // beta sign-ins are served as the catalogue reads them, one signInEventTypes test at a time
            c.graphError(400, "BadRequest", "The Graph emulator serves " + decodedRoute + " only with one of the filters "
                    + atPath.stream().map(DataType::fixedFilter).toList() + ".");
            return;
        }
        if (version.equals("v1.0") && entities.application(c, t, roles, decodedRoute)) {
            return;
        }
        String segment = decodedRoute.isEmpty() ? "" : decodedRoute.substring(1).split("/")[0];
        c.graphError(400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    private void serve(Exchange c, EmulatedTenant t, Set<String> roles, DataType type) throws IOException {
        if (!type.permissions().stream().allMatch(need -> granted(need, roles))) {
            c.denied();
            return;
        }
        LicenceAnswers.Refusal refusal = LicenceAnswers.refusal(t, type.licence());
        if (refusal != null) {
            c.graphError(refusal.status(), refusal.code(), refusal.message());
            return;
        }
        ListingResource resource = resources.get(type.mode().getClass());
        if (resource == null) {
            c.graphError(501, "NotImplemented", "The Graph emulator does not serve " + type.mode().describe() + " yet.");
            return;
        }
        resource.serve(c, t, type);
    }

    /**
     * Graph's permission tables list, beside the least-privileged permission, the broader ones it also accepts, write
     * permissions among them (an app with User.ReadWrite.All reads users); Entra Lake never asks for those, but an app
     * may carry them.
     */
    private static boolean granted(PermissionNeed need, Set<String> roles) {
        return need.metBy(roles) || roles.contains(need.leastPrivileged().replace(".Read.", ".ReadWrite."))
                || need.alsoAccepted().stream().anyMatch(p -> roles.contains(p.replace(".Read.", ".ReadWrite.")));
    }

    private record Caller(EmulatedTenant tenant, Set<String> roles) {
    }

    /** The caller of a valid token, or empty when Graph's 401 has been sent. */
    private Optional<Caller> authenticate(Exchange c) throws IOException {
        String auth = c.ex.getRequestHeaders().getFirst("Authorization");
        Map<String, String> wwwAuth = Map.of("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + base
                + "/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            c.graphError(401, "InvalidAuthenticationToken", "Access token is empty.", null, wwwAuth);
            return Optional.empty();
        }
        Jwt.Parsed p = Jwt.parse(auth.substring(7).trim());
        if (p == null) {
            c.graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).\n"
                    + "The token needs to be in JWS or JWE Compact Serialization Format.", null, wwwAuth);
            return Optional.empty();
        }
        if (!tokens.verify(p)) {
            c.graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid signature.", null, wwwAuth);
            return Optional.empty();
        }
        String tid = p.claims().path("tid").asText();
        c.tenantId = tid;
        if (p.claims().path("exp").asLong() <= Instant.now().getEpochSecond()) {
            c.graphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.", null, wwwAuth);
            return Optional.empty();
        }
        EmulatedTenant t = tenants.find(tid).orElse(null);
        if (t == null) {
            c.graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", null, wwwAuth);
            return Optional.empty();
        }
        Set<String> roles = new HashSet<>();
        p.claims().path("roles").forEach(r -> roles.add(r.asText()));
        return Optional.of(new Caller(t, roles));
    }

    private static String trimSlash(String route) {
        return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
