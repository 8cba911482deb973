package com.entralake.emulator;

import com.entralake.catalog.DataType;
import com.entralake.schema.GraphSchemaCatalog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directory listing (users, groups, ...) as Graph serves it: {@code $select} of the resource's properties (those
 * of the schema file), {@code $top} up to the endpoint's documented maximum (none where its page documents no
 * {@code $top}: Graph's own page size then), id-ordered paging through opaque {@code $skiptoken}s, and the
 * resource's default property set when nothing is selected.
 */
final class DirectoryListing implements ListingResource {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /**
     * Properties Graph returns without {@code $select}, by resource type; a type not named returns all of them. Users:
     * Microsoft's "List users" page names this default set.
     */
    private static final Map<String, List<String>> DEFAULT_PROPERTIES = Map.of("user", List.of("businessPhones",
            "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname",
            "userPrincipalName", "id"));

    private final URI base;
    private final Faults faults;
    private final PageFaults pageFaults;
    private final PageServed pageServed;
    private final GraphSchemaCatalog schemas;

    DirectoryListing(URI base, Faults faults, PageFaults pageFaults, PageServed pageServed, GraphSchemaCatalog schemas) {
        this.base = base;
        this.faults = faults;
        this.pageFaults = pageFaults;
        this.pageServed = pageServed;
        this.schemas = schemas;
    }

    /** One page of a directory listing; permission and licence are checked by the router before. */
    @Override
    public void serve(Exchange c, EmulatedTenant t, DataType type) throws IOException {
        String dataset = type.dataset();
        Map<String, String> opts = QueryOptions.parse(c.rawQuery);
        for (String k : opts.keySet()) {
            if (Set.of("$filter", "$count", "$orderby", "$search", "$expand").contains(k)) {
                // documented by Microsoft but not implemented by the emulator: say so rather than answer wrongly
                c.graphError(400, "Request_UnsupportedQuery", "The Graph emulator does not implement the " + k + " query option.");
                return;
            }
            if (!Set.of("$select", "$top", "$skiptoken").contains(k)) {
                c.graphError(400, "Request_BadRequest", "Unrecognized query argument specified: '" + k + "'.");
                return;
            }
        }
        int top = 100;
        if (opts.containsKey("$top") && type.pageSize() == 0) {
            // endpoints whose page documents no $top (subscribedSkus, directoryRoles, registration details, ...)
            c.graphError(400, "Request_UnsupportedQuery", "The query option '$top' is not supported on this resource.");
            return;
        }
        if (opts.containsKey("$top")) {
            String v = opts.get("$top").trim();
            try {
                top = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                top = -1;
            }
            // Directory reads reject $top > 999 with an "invalid page size" error (Microsoft paging docs; community reports
            // of "$top=1000 gives an error for invalid page size"). Code and exact wording are from memory, not verified.
            if (top < 1 || top > type.pageSize()) {
                c.graphError(400, "Request_UnsupportedQuery", "Invalid page size specified: '" + v + "'. Must be between 1 and "
                        + type.pageSize() + " inclusive.");
                return;
            }
        }
        List<String> allProps = List.copyOf(schemas.properties(type.resourceType()).keySet());
        List<String> select;
        try {
            select = QueryOptions.select(opts, type.resourceType(), allProps);
        } catch (QueryOptions.BadQuery e) {
            c.graphError(400, e.code, e.getMessage());
            return;
        }
        int page = 1;
        String afterId = null;
        if (opts.containsKey("$skiptoken")) {
            try {
                String[] s = new String(Base64.getUrlDecoder().decode(opts.get("$skiptoken")), StandardCharsets.UTF_8).split("\\|", -1);
                page = Integer.parseInt(s[0]);
                afterId = s[1];
            } catch (RuntimeException e) {
                c.graphError(400, "Directory_InvalidSkipToken", "Invalid skip token.");
                return;
            }
        }
        Faults.State fs = faults.state(t.id());
        if (fs.failFromPage > 0 && page >= fs.failFromPage) {
            c.graphError(500, "InternalServerError", "Internal server error.");
            return;
        }
        List<ObjectNode> all = t.directoryObjects(dataset);
        String path = type.path().substring(1);
        int start = 0;
        if (afterId != null) {
            while (start < all.size() && all.get(start).get("id").asText().compareTo(afterId) <= 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + top);
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", QueryOptions.context(type.version().segment(),
                path + (select == null ? "" : "(" + String.join(",", select) + ")")));
        ArrayNode value = body.putArray("value");
        List<String> props = select != null ? select : DEFAULT_PROPERTIES.get(type.resourceType());
        for (ObjectNode o : all.subList(start, end)) {
            ObjectNode selected = o;
            if (props != null) {
                selected = Templates.JSON.createObjectNode();
                for (String pn : props) {
                    selected.set(pn, o.has(pn) ? o.get(pn) : selected.nullNode());
                }
            }
            value.add(pageFaults.wire(t.id(), selected));
        }
        String next = null;
        if (fs.loopAtPage >= 2 && page == fs.loopAtPage && !all.isEmpty()) {
            next = QueryOptions.nextLink(base, type.graphPath(), opts, B64.encodeToString(("2|" + all.get(Math.min(top, all.size()) - 1).get("id").asText()).getBytes(StandardCharsets.UTF_8)));
        } else if (end < all.size()) {
            next = QueryOptions.nextLink(base, type.graphPath(), opts, B64.encodeToString(((page + 1) + "|" + all.get(end - 1).get("id").asText()).getBytes(StandardCharsets.UTF_8)));
        }
        if (next != null) {
            body.put("@odata.nextLink", next);
        }
        int pageNo = page;
        int count = end - start;
        c.graphJson(200, body, null, Map.of(), () -> pageServed.served(t.id(), c.path, pageNo, count));
    }
}
