package com.entralake.emulator;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The OData query options of a request, and the nextLinks that carry them on to the next page. */
final class QueryOptions {

    private QueryOptions() {
    }

    /** 400 for an invalid query; message already chosen. */
    static final class BadQuery extends Exception {
        final String code;

        BadQuery(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Query options of a request: decoded name (lower case) -> decoded value; non-$ parameters are dropped. */
    static Map<String, String> parse(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return m;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.startsWith("$")) {
                m.put(k.toLowerCase(Locale.ROOT), v);
            }
        }
        return m;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code <base>/<version>/<path>?<the options the client sent>&$skiptoken=…}, as Graph builds its nextLinks. */
    static String nextLink(URI base, String versionedPath, Map<String, String> opts, String skiptoken) {
        StringBuilder sb = new StringBuilder(base.toString()).append(versionedPath).append('?');
        for (String k : List.of("$select", "$filter", "$orderby", "$top")) {
            if (opts.containsKey(k)) {
                sb.append(k).append('=').append(encode(opts.get(k))).append('&');
            }
        }
        return sb.append("$skiptoken=").append(skiptoken).toString();
    }

    /** Graph's {@code @odata.context} of a collection: {@code https://graph.microsoft.com/v1.0/$metadata#users}. */
    static String context(String version, String what) {
        return "https://graph.microsoft.com/" + version + "/$metadata#" + what;
    }

    /**
     * The properties a {@code $select} names, spelled as the resource spells them (Graph matches them without regard
     * to case); null when nothing is selected. A name the resource does not have is Graph's 400.
     */
    static List<String> select(Map<String, String> opts, String resourceType, java.util.Collection<String> properties)
            throws BadQuery {
        if (!opts.containsKey("$select")) {
            return null;
        }
        List<String> select = new java.util.ArrayList<>();
        for (String item : opts.get("$select").split(",")) {
            String name = item.trim();
            String canonical = properties.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new BadQuery("Request_BadRequest", "Could not find a property named '" + name
                            + "' on type 'microsoft.graph." + resourceType + "'."));
            if (!select.contains(canonical)) {
                select.add(canonical);
            }
        }
        return select;
    }

    static boolean hasAny(Set<String> roles, String... wanted) {
        for (String w : wanted) {
            if (roles.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
