package com.entralake.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One Entra data type, declared once: where Graph serves it, how it is windowed and what it needs.
 * Adding a data type means adding one of these to {@link DataTypeCatalog}; the batch wiring reads
 * only this description.
 *
 * @param dataset      stable lower_snake_case lake folder name ({@code signins})
 * @param graphPath    path below the Graph base URL, with API version ({@code /v1.0/auditLogs/signIns})
 * @param kind         events (time windows) or snapshot (whole directory per run)
 * @param timeProperty the property Graph filters on for events ({@code createdDateTime}); null for snapshots
 * @param schemaEntity the entity name in {@code v1.0-schema-selected.json} that defines the typed columns
 * @param pageSize     {@code $top} to ask for (Graph's documented maximum for the endpoint)
 * @param select       {@code $select} properties; empty means Graph's default property set
 * @param permissions  Graph application permissions the endpoint needs (all of them)
 * @param licence      the licence the tenant needs, in words; null when none is needed
 */
public record DataType(
        String dataset,
        String graphPath,
        DataKind kind,
        String timeProperty,
        String schemaEntity,
        int pageSize,
        List<String> select,
        List<String> permissions,
        String licence) {

    public DataType {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(graphPath, "graphPath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schemaEntity, "schemaEntity");
        if (!dataset.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("dataset must be lower_snake_case: " + dataset);
        }
        if ((kind == DataKind.EVENTS) != (timeProperty != null)) {
            throw new IllegalArgumentException(dataset + ": events need a time property, snapshots must not have one");
        }
        select = List.copyOf(select);
        permissions = List.copyOf(permissions);
    }

    public boolean isEvents() {
        return kind == DataKind.EVENTS;
    }
}
