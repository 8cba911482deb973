package com.entralake.graph;

import com.entralake.catalog.CollectionMode;
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
 * First-page URLs. Event queries use only the operators the catalogue documents for the time property
 * ({@code ge}/{@code le}, or {@code gt}/{@code lt} moved out by Graph's 100 ns tick where those are all
 * there is) and no {@code $orderby} (Graph's default order is newest first; ordering is not documented on
 * every list endpoint). A type's fixed filter is joined with {@code and}. Later pages come from
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

    /** Graph keeps times to 7 fractional digits: the smallest step between two distinct times. */
    private static final java.time.Duration GRAPH_TICK = java.time.Duration.ofNanos(100);

    private GraphQuery() {
    }

    /** {@code <base><path>?$filter=<time> ge <from> and <time> le <to>&$top=<pageSize>}; both ends inclusive. */
    public static URI eventsPage(URI graphBase, DataType type, Instant fromInclusive, Instant toInclusive) {
        CollectionMode.TimeWindows windows = type.timeWindows().orElseThrow(
                () -> new IllegalArgumentException(type.dataset() + " is not an event data type"));
        if (toInclusive.isBefore(fromInclusive)) {
            throw new IllegalArgumentException("time range ends before it starts: " + fromInclusive + " .. " + toInclusive);
        }
        String time = windows.timeProperty();
        String filter = windows.inclusiveOperators()
                ? time + " ge " + format(fromInclusive) + " and " + time + " le " + format(toInclusive)
                : time + " gt " + format(fromInclusive.minus(GRAPH_TICK)) + " and " + time + " lt "
                        + format(toInclusive.plus(GRAPH_TICK));
        if (type.fixedFilter() != null) {
            filter = type.fixedFilter() + " and " + filter;
        }
        StringBuilder query = new StringBuilder("$filter=").append(encode(filter));
        if (type.pageSize() > 0) {
            query.append("&$top=").append(type.pageSize()); // else the page documents no $top: Graph's own pages
        }
        appendSelect(query, type);
        return URI.create(base(graphBase) + type.graphPath() + "?" + query);
    }

    /** {@code <base><path>?$top=<pageSize>[&$filter=…][&$select=a,b,c]}; a single object has no {@code $top}. */
    public static URI snapshotPage(URI graphBase, DataType type) {
        if (type.timeWindows().isPresent()) {
            throw new IllegalArgumentException(type.dataset() + " is an event data type; use eventsPage");
        }
        StringBuilder query = new StringBuilder();
        if (type.pageSize() > 0) {
            query.append("&$top=").append(type.pageSize());
        }
        if (type.fixedFilter() != null) {
            query.append("&$filter=").append(encode(type.fixedFilter()));
        }
        appendSelect(query, type);
        return URI.create(base(graphBase) + type.graphPath() + (query.isEmpty() ? "" : "?" + query.substring(1)));
    }

    /**
     * The cheapest request that proves access to a type: one record of its listing with its fixed filter; the id
     * only where a {@code $select} is accepted (event types answer with their default properties, as the
     * collection asks). A single object is read whole.
     */
    public static URI probe(URI graphBase, DataType type) {
        StringBuilder query = new StringBuilder();
        if (type.pageSize() > 0) {
            query.append("&$top=1");
        }
        if (type.fixedFilter() != null) {
            query.append("&$filter=").append(encode(type.fixedFilter()));
        }
        if (type.timeWindows().isEmpty() && type.pageSize() > 0) {
            query.append("&$select=id");
        }
        return URI.create(base(graphBase) + type.graphPath() + (query.isEmpty() ? "" : "?" + query.substring(1)));
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
