package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single entities the connectivity test reads outside the catalogue: an application by object id or by appId
 * (alternate key).
 */
final class TenantEntities {

    private final EmulatorClock clock;

    TenantEntities(EmulatorClock clock) {
        this.clock = clock;
    }

    private static final Pattern APP_BY_APP_ID = Pattern.compile("^/applications\\(appId='([^'/]*)'\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern APP_BY_ID = Pattern.compile("^/applications/([^/()]+)$", Pattern.CASE_INSENSITIVE);

    /** True when the path addressed one application (answered here), false when it is no application route. */
    boolean application(Exchange c, EmulatedTenant t, Set<String> roles, String decodedRoute) throws IOException {
        Matcher byAppId = APP_BY_APP_ID.matcher(decodedRoute);
        Matcher byId = APP_BY_ID.matcher(decodedRoute);
        if (!byAppId.matches() && !byId.matches()) {
            return false;
        }
        // "Get application": least privileged Application.Read.All; higher: Application.ReadWrite.OwnedBy,
        // AgentIdentityBlueprint.Read.All, Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All.
        if (!QueryOptions.hasAny(roles, "Application.Read.All", "Application.ReadWrite.OwnedBy", "AgentIdentityBlueprint.Read.All",
                "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")) {
            c.denied();
            return true;
        }
        Map<String, String> opts = QueryOptions.parse(c.rawQuery);
        List<String> select = null;
        for (Map.Entry<String, String> o : opts.entrySet()) {
            if (!o.getKey().equals("$select")) {
                c.graphError(400, "Request_UnsupportedQuery", "The Graph emulator does not implement the " + o.getKey()
                        + " query option on a single application.");
                return true;
            }
            select = new ArrayList<>();
            for (String item : o.getValue().split(",")) {
                String canonical = ApplicationResource.property(item).orElse(null);
                if (canonical == null) {
                    c.graphError(400, "Request_BadRequest", "Could not find a property named '" + item.trim()
                            + "' on type 'microsoft.graph.application'.");
                    return true;
                }
                if (!select.contains(canonical)) {
                    select.add(canonical);
                }
            }
        }
        String key = byAppId.matches() ? byAppId.group(1) : byId.group(1);
        AppRegistration app = (byAppId.matches() ? t.app(key) : t.appByObjectId(key)).orElse(null);
        if (app == null) {
            // Graph's directory "not found" (microsoft-graph-docs-contrib issues #1107, #6431, #7618)
            c.graphError(404, "Request_ResourceNotFound", "Resource '" + key
                    + "' does not exist or one of its queried reference-property objects are not present.");
            return true;
        }
        c.graphJson(200, ApplicationResource.render(app, t.initialDomain(), select, clock.now()));
        return true;
    }
}
