package com.entralake.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Entra data type, declared once: everything Entra Lake knows about it. Nothing outside
 * {@link DataTypeCatalog} names a dataset; the readers, writers, pacer, error messages, emulator,
 * documentation and tests all work from this description.
 *
 * @param dataset      stable lower_snake_case lake folder name ({@code signins})
 * @param version      the Graph API version the endpoint is served under
 * @param path         the endpoint below the version ({@code /auditLogs/signIns})
 * @param resourceType the type in the schema file that defines the typed columns ({@code signIn})
 * @param mode         how it is collected: time windows, a listing snapshot, a single object
 * @param pageSize     {@code $top} to ask for (Graph's documented maximum for the endpoint); 0 where the endpoint
 *                     documents no {@code $top} (Graph's own page size, following nextLinks) and for a single object
 * @param select       {@code $select} properties; empty means Graph's default property set
 * @param fixedFilter  a {@code $filter} clause every request carries (e.g. a {@code signInEventTypes} test); null for none
 * @param permissions  every application permission the endpoint needs, least-privileged first
 * @param licence      the licence the tenant needs, and how Graph says it is missing
 * @param retention    how long Graph keeps the records (snapshots: not applicable)
 * @param throttle     the throttling budget it draws from, shared with the other types of that class
 * @param onByDefault  whether a tenant collects it (managed) when its configuration does not name it
 * @param summary      one line for help texts and docs
 * @param uniqueColumns top-level properties whose value differs in every record (the ids of one event besides
 *                     {@code id}): written without a Parquet dictionary, because hashing values that never repeat
 *                     was a quarter of the writer's CPU and their dictionary is larger than the values
 */
public record DataType(
        String dataset,
        ApiVersion version,
        String path,
        String resourceType,
        CollectionMode mode,
        int pageSize,
        List<String> select,
        String fixedFilter,
        List<PermissionNeed> permissions,
        Licence licence,
        GraphRetention retention,
        ThrottleClass throttle,
        boolean onByDefault,
        String summary,
        List<String> uniqueColumns) {

    public DataType {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(throttle, "throttle");
        if (!dataset.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("dataset must be lower_snake_case: " + dataset);
        }
        if (!path.startsWith("/") || path.startsWith("/v1.0/") || path.startsWith("/beta/")) {
            throw new IllegalArgumentException(dataset + ": path starts with / and without the API version: " + path);
        }
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": every Graph endpoint needs a permission");
        }
        if (pageSize < 0 || (pageSize > 0 && mode instanceof CollectionMode.SingleObject)) {
            throw new IllegalArgumentException(dataset + ": a page size is 0 (Graph's own) or more; a single object has none");
        }
        if ((mode instanceof CollectionMode.TimeWindows) == retention.equals(GraphRetention.NOT_APPLICABLE)) {
            throw new IllegalArgumentException(dataset + ": events have a retention, snapshots do not");
        }
        select = List.copyOf(select);
        permissions = List.copyOf(permissions);
        uniqueColumns = List.copyOf(uniqueColumns);
    }

    /** The path with its API version, {@code /v1.0/auditLogs/signIns}. */
    public String graphPath() {
        return "/" + version.segment() + path;
    }

    /** The time windows this type is read in, when it is an event type. */
    public Optional<CollectionMode.TimeWindows> timeWindows() {
        return mode instanceof CollectionMode.TimeWindows windows ? Optional.of(windows) : Optional.empty();
    }

    /** The least-privileged permissions, in catalogue order. */
    public List<String> leastPrivilegedPermissions() {
        return permissions.stream().map(PermissionNeed::leastPrivileged).toList();
    }

    /** The least-privileged names of the needs these roles do not meet. */
    public List<String> missingPermissions(Set<String> roles) {
        return permissions.stream().filter(p -> !p.metBy(roles)).map(PermissionNeed::leastPrivileged).toList();
    }

    public static Builder builder(String dataset) {
        return new Builder(dataset);
    }

    /** Reads like the catalogue table it comes from; {@link #build()} checks the entry is whole. */
    public static final class Builder {
        private final String dataset;
        private ApiVersion version;
        private String path;
        private String resourceType;
        private CollectionMode mode;
        private int pageSize;
        private List<String> select = List.of();
        private String fixedFilter;
        private final List<PermissionNeed> permissions = new ArrayList<>();
        private Licence licence = Licence.NONE;
        private GraphRetention retention = GraphRetention.NOT_APPLICABLE;
        private ThrottleClass throttle;
        private boolean onByDefault = true;
        private String summary = "";
        private List<String> uniqueColumns = List.of();

        private Builder(String dataset) {
            this.dataset = dataset;
        }

        public Builder get(ApiVersion version, String path) {
            this.version = version;
            this.path = path;
            return this;
        }

        public Builder resource(String resourceType) {
            this.resourceType = resourceType;
            return this;
        }

        public Builder mode(CollectionMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder select(List<String> select) {
            this.select = select;
            return this;
        }

        public Builder filter(String fixedFilter) {
            this.fixedFilter = fixedFilter;
            return this;
        }

        public Builder needs(String leastPrivileged, String... alsoAccepted) {
            permissions.add(PermissionNeed.of(leastPrivileged, alsoAccepted));
            return this;
        }

        public Builder licence(Licence licence) {
            this.licence = licence;
            return this;
        }

        public Builder retention(GraphRetention retention) {
            this.retention = retention;
            return this;
        }

        public Builder throttle(ThrottleClass throttle) {
            this.throttle = throttle;
            return this;
        }

        public Builder offByDefault() {
            this.onByDefault = false;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** Properties unique to each record besides {@code id} (which, with {@code raw_json}, always is). */
        public Builder unique(String... columns) {
            this.uniqueColumns = List.of(columns);
            return this;
        }

        public DataType build() {
            return new DataType(dataset, version, path, resourceType, mode, pageSize, select, fixedFilter,
                    permissions, licence, retention, throttle, onByDefault, summary, uniqueColumns);
        }
    }
}
