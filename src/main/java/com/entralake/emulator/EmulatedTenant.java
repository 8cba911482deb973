package com.entralake.emulator;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tenant served by the emulator; mutable at runtime (licence, roles, records) and thread safe. */
public final class EmulatedTenant {

    private final String id;
    private final String displayName;
    private final EmulatorClock clock;
    private volatile License license;
    private volatile TenantType tenantType;
    private volatile Set<Product> products = java.util.EnumSet.allOf(Product.class);
    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private final Map<String, List<EventSource>> sources = new ConcurrentHashMap<>();
    private final Map<String, ListEventSource> lists = new ConcurrentHashMap<>();
    /** The objects of each listing data type, by dataset. */
    private final Map<String, List<ObjectNode>> listings = new ConcurrentHashMap<>();

    EmulatedTenant(TenantSpec spec, EmulatorClock clock) {
        this.id = spec.tenantId();
        this.displayName = spec.displayName();
        this.clock = clock;
        this.license = spec.license();
        this.tenantType = spec.tenantType();
        spec.apps().forEach(a -> apps.put(a.clientId().toLowerCase(), a));
        spec.eventSources().forEach((k, v) -> v.forEach(s -> addSource(k, s)));
        spec.listings().forEach((dataset, objects) -> objects.forEach(o -> addObject(dataset, o)));
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public License license() {
        return license;
    }

    public void setLicense(License l) {
        license = l;
    }

    public Set<Product> products() {
        return products;
    }

    public void setProducts(Set<Product> held) {
        products = held.isEmpty() ? java.util.EnumSet.noneOf(Product.class) : java.util.EnumSet.copyOf(held);
    }

    public TenantType tenantType() {
        return tenantType;
    }

    public void setTenantType(TenantType t) {
        tenantType = t;
    }

    public Optional<AppRegistration> app(String clientId) {
        return Optional.ofNullable(clientId == null ? null : apps.get(clientId.toLowerCase()));
    }

    /** The app registration whose application object id is given (Graph {@code /applications/{id}}). */
    public Optional<AppRegistration> appByObjectId(String objectId) {
        return apps.values().stream().filter(a -> a.objectId().equalsIgnoreCase(objectId)).findFirst();
    }

    /** Adds or replaces (same client id) an app registration. */
    public void addApp(AppRegistration a) {
        apps.put(a.clientId().toLowerCase(), a);
    }

    /** Changes an app's granted roles. Takes effect for tokens issued afterwards (tokens carry roles, as in Entra). */
    public void setRoles(String clientId, Set<String> roles) {
        apps.computeIfPresent(clientId.toLowerCase(), (k, a) -> a.withRoles(roles));
    }

    public void addSource(String dataset, EventSource s) {
        checkEventDataset(dataset);
        sources.computeIfAbsent(dataset, k -> new CopyOnWriteArrayList<>()).add(s);
    }

    /** The in-memory list source of an event dataset, created on first use. */
    public ListEventSource events(String dataset) {
        checkEventDataset(dataset);
        return lists.computeIfAbsent(dataset, k -> {
            ListEventSource l = new ListEventSource(eventType(k).timeWindows().orElseThrow().timeProperty());
            addSource(k, l);
            return l;
        });
    }

    /** Adds an object to a listing data type (a user, a group, ...). */
    public void addObject(String dataset, ObjectNode object) {
        listingType(dataset);
        listings.computeIfAbsent(dataset, k -> new CopyOnWriteArrayList<>()).add(object);
    }

    private static DataType eventType(String dataset) {
        return DataTypeCatalog.byDataset(dataset).filter(d -> d.timeWindows().isPresent())
                .orElseThrow(() -> new IllegalArgumentException("not an event dataset: " + dataset));
    }

    private static DataType listingType(String dataset) {
        return DataTypeCatalog.byDataset(dataset).filter(d -> d.timeWindows().isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("not a listing dataset: " + dataset));
    }

    private static void checkEventDataset(String dataset) {
        eventType(dataset);
    }

    /** Ground truth: ids with time in [from, toExclusive) visible now (emulator clock) and within retention. */
    public Set<String> visibleIds(String dataset, Instant from, Instant toExclusive) {
        Set<String> ids = new LinkedHashSet<>();
        Iterator<EventRecord> it = visible(dataset, from, toExclusive, true, null);
        while (it.hasNext()) {
            ids.add(it.next().id());
        }
        return ids;
    }

    /**
     * The tenant's one organization object: the sample's, if one was added, with this tenant's own id, name and
     * type (which tests change at runtime), else one made from them.
     */
    private ObjectNode organization() {
        List<ObjectNode> added = listings.getOrDefault(DataTypeCatalog.ORGANIZATION.dataset(), List.of());
        ObjectNode o = added.isEmpty() ? Templates.JSON.createObjectNode() : added.get(0).deepCopy();
        o.put("id", id);
        o.put("displayName", displayName);
        o.put("tenantType", tenantType.wire());
        if (!o.has("assignedPlans")) {
            o.putArray("assignedPlans");
        }
        if (!o.has("verifiedDomains")) {
            ObjectNode d = o.putArray("verifiedDomains").addObject();
            d.put("capabilities", "Email, OfficeCommunicationsOnline");
            d.put("isDefault", true);
            d.put("isInitial", true);
            d.put("name", initialDomain());
            d.put("type", "Managed");
        }
        return o;
    }

    /** The tenant's {@code *.onmicrosoft.com} domain, made from its display name. */
    String initialDomain() {
        return displayName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".onmicrosoft.com";
    }

    /** Ground truth for a listing data type (users, groups, the organization, ...): the ids of what is served. */
    public Set<String> allIds(String dataset) {
        listingType(dataset);
        Set<String> ids = new LinkedHashSet<>();
        directoryObjects(dataset).forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    List<ObjectNode> directoryObjects(String dataset) {
        if (dataset.equals(DataTypeCatalog.ORGANIZATION.dataset())) {
            return List.of(organization());
        }
        List<ObjectNode> l = new ArrayList<>(listings.getOrDefault(dataset, List.of()));
        l.sort(Comparator.comparing(o -> o.get("id").asText()));
        return l;
    }

    Instant retentionStart(Instant now) {
        return now.minus(Duration.ofDays(license.retentionDays()));
    }

    /**
     * Visible records in [from, to) ∩ retention, in sort order, strictly after {@code after} (a sort key) if given.
     */
    Iterator<EventRecord> visible(String dataset, Instant from, Instant to, boolean descending, EventRecord after) {
        Instant now = clock.now();
        Instant lo = max(from, retentionStart(now));
        Instant hi = min(to, now.plusNanos(100)); // nothing can be visible with a time after now
        Comparator<EventRecord> cmp = descending ? EventRecord.DESC : EventRecord.ASC;
        if (after != null) {
            if (descending) {
                hi = min(hi, after.time().plusNanos(100));
            } else {
                lo = max(lo, after.time());
            }
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> cmp.compare(a.current, b.current));
        for (EventSource s : sources.getOrDefault(dataset, List.of())) {
            Head h = new Head(s.scan(lo, hi, descending));
            if (h.advance(now, after, cmp)) {
                heads.add(h);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public EventRecord next() {
                Head h = heads.poll();
                EventRecord r = h.current;
                if (h.advance(now, after, cmp)) {
                    heads.add(h);
                }
                return r;
            }
        };
    }

    private static final class Head {
        final Iterator<EventRecord> it;
        EventRecord current;

        Head(Iterator<EventRecord> it) {
            this.it = it;
        }

        boolean advance(Instant now, EventRecord after, Comparator<EventRecord> cmp) {
            while (it.hasNext()) {
                EventRecord r = it.next();
                if (r.visibleAt().isAfter(now)) {
                    continue;
                }
                if (after != null && cmp.compare(r, after) <= 0) {
                    continue;
                }
                current = r;
                return true;
            }
            current = null;
            return false;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
