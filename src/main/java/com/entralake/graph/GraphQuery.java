package com.entralake.graph;

import com.entralake.catalog.DataType;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * First-page URLs. Event queries use only {@code ge} and {@code le} on the time property, the
 * operators Graph documents for {@code createdDateTime}, and no {@code $orderby} (Graph's default
 * order is newest first; ordering is not documented on the list endpoints). Later pages come from
 * {@code @odata.nextLink}, never from here.
 */
public final class GraphQuery {

    /** ISO-8601 UTC, seconds always, then only as many fractional digits as needed (up to 7, Graph's precision). */
    private static final DateTimeFormatter GRAPH_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private GraphQuery() {
    }

    /** {@code <base><path>?$filter=<time> ge <from> and <time> le <to>&$top=<pageSize>}; both ends inclusive. */
    public static URI eventsPage(URI graphBase, DataType type, Instant fromInclusive, Instant toInclusive) {
        if (!type.isEvents()) {
            throw new IllegalArgumentException(type.dataset() + " is not an event data type");
        }
        if (toInclusive.isBefore(fromInclusive)) {
            throw new IllegalArgumentException("time range ends before it starts: " + fromInclusive + " .. " + toInclusive);
        }
        String filter = type.timeProperty() + " ge " + format(fromInclusive)
                + " and " + type.timeProperty() + " le " + format(toInclusive);
        StringBuilder query = new StringBuilder("$filter=").append(encode(filter))
                .append("&$top=").append(type.pageSize());
        appendSelect(query, type);
        return URI.create(base(graphBase) + type.graphPath() + "?" + query);
    }

    /** {@code <base><path>?$top=<pageSize>[&$select=a,b,c]}. */
    public static URI snapshotPage(URI graphBase, DataType type) {
        if (type.isEvents()) {
            throw new IllegalArgumentException(type.dataset() + " is an event data type; use eventsPage");
        }
        StringBuilder query = new StringBuilder("$top=").append(type.pageSize());
        appendSelect(query, type);
        return URI.create(base(graphBase) + type.graphPath() + "?" + query);
    }

    /**
     * Any other Graph resource: {@code <base><pathAndQuery>}, e.g. {@code /v1.0/organization?$select=id}. The
     * caller encodes the query; the base may or may not end with a slash.
     */
    public static URI resource(URI graphBase, String pathAndQuery) {
        return URI.create(base(graphBase) + pathAndQuery);
    }

    /** Graph's timestamp form, e.g. {@code 2026-11-27T03:00:00Z} or {@code 2026-11-27T03:00:00.1234567Z}. */
    public static String format(Instant instant) {
        return GRAPH_TIME.format(instant);
    }

    private static void appendSelect(StringBuilder query, DataType type) {
        if (!type.select().isEmpty()) {
            query.append("&$select=").append(encode(String.join(",", type.select())));
        }
    }

    /** Percent-encodes a query value; spaces as %20 because Graph's docs ask for it ('+' is form encoding). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }

    private static String base(URI graphBase) {
        String text = graphBase.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
