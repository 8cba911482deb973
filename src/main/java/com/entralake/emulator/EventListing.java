package com.entralake.emulator;

import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.FilterOperator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time-filtered log listing (sign-ins, audits, ...) as Graph serves it: {@code $filter} on the type's time property
 * with the operators Microsoft documents for it, newest first unless {@code $orderby} says otherwise, keyset paging
 * through opaque {@code $skiptoken}s, and the page faults of {@link PageFaults}.
 */
final class EventListing implements ListingResource {

    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final URI base;
    private final Faults faults;
    private final PageFaults pageFaults;
    private final PageServed pageServed;
    /** Where each event page served is also written, for a benchmark to read the same pages another way; or null. */
    private volatile Path recordTo;
    private final AtomicInteger recorded = new AtomicInteger();

    EventListing(URI base, Faults faults, PageFaults pageFaults, PageServed pageServed) {
        this.base = base;
        this.faults = faults;
        this.pageFaults = pageFaults;
        this.pageServed = pageServed;
    }

    /** From now on, every complete event page served is also written to {@code folder} as {@code page-NNNNNNN.json}. */
    void recordPagesTo(Path folder) {
        this.recordTo = folder;
    }

    /** One page of a time-filtered listing; permission and licence are checked by the router before. */
    @Override
    public void serve(Exchange c, EmulatedTenant t, DataType type) throws IOException {
        CollectionMode.TimeWindows windows = type.timeWindows().orElseThrow();
        Map<String, String> opts = QueryOptions.parse(c.rawQuery);
        Map<String, String> timeOpts = new java.util.LinkedHashMap<>(opts);
        String timeFilter = FixedFilters.withoutFixedClause(type, opts.get("$filter"));
        if (type.fixedFilter() != null) {
            // the router chose this type by its fixed clause; what is left is the time filter
            if (timeFilter == null) {
                timeOpts.remove("$filter");
            } else {
                timeOpts.put("$filter", timeFilter);
            }
        }
        EventQuery q;
        try {
            q = parseEventQuery(timeOpts, windows, type.pageSize());
        } catch (QueryOptions.BadQuery b) {
            c.graphError(400, b.code, b.getMessage());
            return;
        }
        Faults.State fs = faults.state(t.id());
        if ((fs.failFromPage > 0 && q.page() >= fs.failFromPage) || pageFaults.takeOutage(t.id())) {
            c.graphError(500, "InternalServerError", "Internal server error.");
            return;
        }
        Iterator<EventRecord> it = t.visible(type.dataset(), q.from(), q.to(), q.descending(), q.after());
        List<EventRecord> page = new ArrayList<>();
        while (it.hasNext() && page.size() <= q.top()) {
            page.add(it.next());
        }
        boolean more = page.size() > q.top();
        if (more) {
            page.remove(page.size() - 1);
        }
        String path = type.path().substring(1);
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", QueryOptions.context(type.version().segment(), path));
        ArrayNode value = body.putArray("value");
        EventRecord[] heldOut = new EventRecord[1];
        served(t, type, q, page, more, heldOut).forEach(value::add);
        String next = null;
        if (fs.loopAtPage >= 2 && q.page() == fs.loopAtPage && q.firstPageLast() != null) {
            next = QueryOptions.nextLink(base, type.graphPath(), opts,
                    skiptoken(2, q.firstPageLast(), q.firstPageLast(), q.descending()));
        } else if (more) {
            EventRecord last = page.get(page.size() - 1);
            EventRecord first = q.page() == 1 ? last : q.firstPageLast();
            next = QueryOptions.nextLink(base, type.graphPath(), opts,
                    skiptoken(q.page() + 1, last, first, q.descending(), heldOut[0]));
        }
        if (next != null) {
            body.put("@odata.nextLink", next);
        }
        int pageNo = q.page();
        Path folder = recordTo;
        if (folder != null) {
            Files.writeString(folder.resolve(String.format(Locale.ROOT, "page-%07d.json", recorded.incrementAndGet())),
                    body.toString(), StandardCharsets.UTF_8);
        }
        c.graphJson(200, body, null, Map.of(), () -> pageServed.served(t.id(), c.path, pageNo, page.size()));
    }

    private static final int OWN_PAGE_SIZE = 100;
    private static final Set<String> EVENT_OPTIONS = Set.of("$filter", "$top", "$skiptoken", "$orderby");
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)\\s+(\\S+)\\s*$");
    private static final Pattern DATETIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})$");

    /** @param heldBack a record the previous page held back to serve on this one ({@link PageFaults.Misorder#ACROSS_PAGES}) */
    record EventQuery(Instant from, Instant to, boolean descending, int top, int page, EventRecord after, EventRecord firstPageLast,
                      EventRecord heldBack) {
    }

    private static EventQuery parseEventQuery(Map<String, String> opts, CollectionMode.TimeWindows windows, int maxTop)
            throws QueryOptions.BadQuery {
        String timeProperty = windows.timeProperty();
        for (String k : opts.keySet()) {
            if (!EVENT_OPTIONS.contains(k)) {
                // Microsoft's List signIns / List directoryAudits pages document only $top, $skiptoken, $filter (+ $orderby on the
                // resource). The reporting service answers other options with an OData validation error; exact wording unverified.
                String name = k.substring(1);
                throw new QueryOptions.BadQuery("BadRequest", "Query option '" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
                        + "' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
            }
        }
        // an endpoint whose page documents no $top answers in pages of its own (the emulator's: 100)
        int top = maxTop > 0 ? maxTop : OWN_PAGE_SIZE;
        if (opts.containsKey("$top") && maxTop == 0) {
            throw new QueryOptions.BadQuery("BadRequest", "The query option '$top' is not supported on this resource.");
        }
        if (opts.containsKey("$top")) {
            String v = opts.get("$top").trim();
            try {
                top = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new QueryOptions.BadQuery("BadRequest", "Invalid value '" + v + "' for $top query option found.");
            }
            if (top > maxTop) {
                // OData MaxTop validation wording; Microsoft documents the endpoint's maximum page size (exact error unverified).
                throw new QueryOptions.BadQuery("BadRequest", "The limit of '" + maxTop
                        + "' for Top query has been exceeded. The value from the incoming request is '" + v + "'.");
            }
            if (top < 1) {
                throw new QueryOptions.BadQuery("BadRequest", "Invalid value '" + v + "' for $top query option found.");
            }
        }
        Instant from = Instant.EPOCH;
        Instant to = FAR_FUTURE;
        if (opts.containsKey("$filter")) {
            // "Invalid filter clause" / BadRequest is what Graph answers on auditLogs for filters it cannot run
            // (microsoftgraph/microsoft-graph-docs issues #5676, #14173, #6043).
            String f = opts.get("$filter").trim();
            if (f.isEmpty()) {
                throw new QueryOptions.BadQuery("BadRequest", "Invalid filter clause");
            }
            for (String clause : f.split("(?i)\\s+and\\s+")) {
                Matcher m = CLAUSE.matcher(clause);
                if (!m.matches() || !m.group(1).equalsIgnoreCase(timeProperty) || !DATETIME.matcher(m.group(3)).matches()) {
                    throw new QueryOptions.BadQuery("BadRequest", "Invalid filter clause");
                }
                Instant lit;
                try {
                    lit = java.time.OffsetDateTime.parse(m.group(3)).toInstant();
                } catch (Exception e) {
                    throw new QueryOptions.BadQuery("BadRequest", "Invalid filter clause");
                }
                FilterOperator operator = operator(m.group(2));
                // only the operators Microsoft documents for this property: another one is an invalid filter clause
                if (operator == null || !windows.operators().contains(operator)) {
                    throw new QueryOptions.BadQuery("BadRequest", "Invalid filter clause");
                }
                // [from, to): to is exclusive, one Graph tick (100 ns) after the last time that matches
                switch (operator) {
                    case GE -> from = lit.isAfter(from) ? lit : from;
                    case GT -> from = lit.plusNanos(100).isAfter(from) ? lit.plusNanos(100) : from;
                    case LE -> to = lit.plusNanos(100).isBefore(to) ? lit.plusNanos(100) : to;
                    case LT -> to = lit.isBefore(to) ? lit : to;
                    case EQ -> {
                        from = lit.isAfter(from) ? lit : from;
                        to = lit.plusNanos(100).isBefore(to) ? lit.plusNanos(100) : to;
                    }
                }
            }
        }
        // newest first where Microsoft documents it; where it documents no order, oldest first — the order a reader
        // that assumed newest first would get wrong
        boolean desc = windows.ordered();
        if (opts.containsKey("$orderby")) {
            String[] ob = opts.get("$orderby").trim().split("\\s+");
            if (ob.length < 1 || ob.length > 2 || !ob[0].equalsIgnoreCase(timeProperty)
                    || (ob.length == 2 && !ob[1].equals("asc") && !ob[1].equals("desc"))) {
                throw new QueryOptions.BadQuery("BadRequest", "Invalid orderby clause");
            }
            desc = ob.length == 2 && ob[1].equals("desc");
        }
        int page = 1;
        EventRecord after = null;
        EventRecord first = null;
        EventRecord heldBack = null;
        if (opts.containsKey("$skiptoken")) {
            try {
                String[] s = new String(Base64.getUrlDecoder().decode(opts.get("$skiptoken")), StandardCharsets.UTF_8).split("\\|", -1);
                page = Integer.parseInt(s[0]);
                after = key(s[1], s[2], s[3]);
                first = key(s[4], s[5], s[6]);
                if (!s[7].equals(desc ? "d" : "a")) {
                    throw new IllegalArgumentException();
                }
                if (s.length > 8) {
                    heldBack = key(s[8], s[9], s[10]);
                }
            } catch (RuntimeException e) {
                throw new QueryOptions.BadQuery("BadRequest", "Invalid $skiptoken.");
            }
        }
        return new EventQuery(from, to, desc, top, page, after, first, heldBack);
    }

    private static FilterOperator operator(String word) {
        for (FilterOperator operator : FilterOperator.values()) {
            if (operator.word().equals(word)) {
                return operator;
            }
        }
        return null;
    }

    private static EventRecord key(String time, String seq, String id) {
        String[] ts = time.split(":");
        return new EventRecord(id, Instant.ofEpochSecond(Long.parseLong(ts[0]), Long.parseLong(ts[1])), Instant.EPOCH, Long.parseLong(seq), null);
    }

    private static String skiptoken(int page, EventRecord after, EventRecord first, boolean desc) {
        return skiptoken(page, after, first, desc, null);
    }

    private static String skiptoken(int page, EventRecord after, EventRecord first, boolean desc, EventRecord heldBack) {
        String s = page + "|" + keyText(after) + "|" + keyText(first) + "|" + (desc ? "d" : "a")
                + (heldBack == null ? "" : "|" + keyText(heldBack));
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String keyText(EventRecord r) {
        return r.time().getEpochSecond() + ":" + r.time().getNano() + "|" + r.seq() + "|" + r.id();
    }

    /** The visible record with exactly this sort key, or null (e.g. it aged out of retention in the meantime). */
    private static EventRecord find(EmulatedTenant t, String dataset, EventQuery q, EventRecord key) {
        // seq - 1 at the same time sorts just before the key in both orders, so the record itself comes first
        EventRecord justBefore = new EventRecord(key.id(), key.time(), Instant.EPOCH, key.seq() - 1, null);
        Iterator<EventRecord> it = t.visible(dataset, q.from(), q.to(), q.descending(), justBefore);
        if (!it.hasNext()) {
            return null;
        }
        EventRecord r = it.next();
        return r.id().equals(key.id()) && r.seq() == key.seq() ? r : null;
    }

    /** The page as a misbehaving Graph would serve it (see {@link PageFaults}); the keyset paging is unchanged. */
    private List<JsonNode> served(EmulatedTenant t, DataType type, EventQuery q, List<EventRecord> page, boolean more,
                                  EventRecord[] heldOut) {
        PageFaults.State pf = pageFaults.state(t.id());
        List<EventRecord> out = new ArrayList<>(page);
        switch (pf.misorder) {
            case WITHIN_PAGE -> {
                if (out.size() >= 2) {
                    out.add(out.remove(0));
                }
            }
            case ACROSS_PAGES -> {
                if (more && out.size() >= 2) {
                    heldOut[0] = out.remove(0);
                }
                EventRecord held = q.heldBack() == null ? null : find(t, type.dataset(), q, q.heldBack());
                if (held != null) {
                    out.add(0, held);
                }
            }
            case NONE -> { }
        }
        if (pageFaults.takeHoldBack(t.id(), more) && out.size() >= 2) {
            out.remove(0);
        }
        switch (pf.duplication) {
            case WITHIN_PAGE -> {
                if (!out.isEmpty()) {
                    out.add(1, out.get(0));
                }
            }
            case ACROSS_PAGES -> {
                EventRecord previousLast = q.after() == null ? null : find(t, type.dataset(), q, q.after());
                if (previousLast != null) {
                    out.add(0, previousLast);
                }
            }
            case NONE -> { }
        }
        String dataset = type.dataset();
        String timeProperty = type.timeWindows().orElseThrow().timeProperty();
        List<JsonNode> wire = new ArrayList<>(out.size());
        out.forEach(r -> wire.add(pageFaults.wire(t.id(), r, timeProperty)));
        return wire;
    }
}
