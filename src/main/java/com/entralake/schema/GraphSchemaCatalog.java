package com.entralake.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The lake's Avro (hence Parquet) schemas, derived from Microsoft's Graph metadata
 * ({@code graph-schema/entra-schema.json}, extracted from msgraph-metadata
 * {@code schemas/v1.0-Prod.csdl}) rather than written by hand, so every documented property
 * gets a typed column.
 *
 * <p>Mapping, and why:
 * <ul>
 *   <li>Every property is a <b>nullable</b> field ({@code ["null", T]}, default null), named exactly
 *       as in Graph — even {@code (not null)} ones, because Graph omits properties that were not
 *       {@code $select}ed and a column must not make a record unwritable.</li>
 *   <li>{@code Edm.String}, {@code Edm.Guid}, enum types → {@code string}. Enums are not Avro enums:
 *       Graph adds members ({@code unknownFutureValue}, evolvable enums) and an unknown symbol
 *       would fail the write.</li>
 *   <li>{@code Edm.Boolean} → boolean; {@code Edm.Int32/Int16/Byte/SByte} → int; {@code Edm.Int64}
 *       → long; {@code Edm.Double/Single/Decimal} → double.</li>
 *   <li>{@code Edm.DateTimeOffset} → long, logical type {@code timestamp-micros}: Parquet
 *       {@code TIMESTAMP(MICROS, isAdjustedToUTC=true)}, which Spark, Trino and DuckDB read as a
 *       UTC instant. Graph sends 7 fractional digits; micros keep all but the last (100 ns). Values
 *       before 1900 (Graph's {@code 0001-01-01T00:00:00Z} for "never") are null: {@link LakeTimeRange}.</li>
 *   <li>{@code Edm.Date} → int {@code date} (null before 1582-10-15); {@code Edm.TimeOfDay}, {@code Edm.Duration} → string
 *       (no engine-neutral Parquet type); {@code Edm.Binary} → bytes.</li>
 *   <li>Complex type → nested record. Records are named {@code <type>} in the namespace
 *       {@code com.entralake.lake.types.<entity>}, so two entities never clash, and a type that
 *       occurs twice in one entity reuses the same named schema.</li>
 *   <li>{@code Collection(X)} → nullable array of non-null X (Graph does not send null members;
 *       the normalizer drops one if it ever does — it stays in {@code raw_json}).</li>
 *   <li>Open or unknown types (a complex type with no declared properties such as
 *       {@code customSecurityAttributeValue}, {@code Edm.Untyped}, {@code Edm.Stream}, any type
 *       not in the file) → string holding the value's JSON text.</li>
 *   <li>A complex type that contains itself (directly or not) is cut at the point of recursion:
 *       that field is the JSON string of the subtree. Parquet has no recursive types.</li>
 *   <li>Two fields close every record: {@code raw_json} (non-null string, the record exactly as
 *       Graph sent it, so a property Graph adds tomorrow — or a beta one — is not lost) and
 *       {@code collected_at} (non-null timestamp-micros UTC).</li>
 * </ul>
 * The top-level record is named {@code com.entralake.lake.<entity>}. Parquet writers should set
 * {@code parquet.avro.write-old-list-structure=false} so arrays use the standard three-level LIST
 * layout that Spark, Trino and DuckDB expect (the round-trip test does).
 */
public final class GraphSchemaCatalog {

    public static final String RESOURCE = "/graph-schema/entra-schema.json";
    public static final String NAMESPACE = "com.entralake.lake";
    public static final String RAW_JSON = "raw_json";
    public static final String COLLECTED_AT = "collected_at";

    private static final String NOT_NULL = " (not null)";
    private static final String COLLECTION = "Collection(";

    private final Map<String, Map<String, String>> entities;
    private final Map<String, Map<String, String>> complexTypes;
    private final Set<String> enums;
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();

    private GraphSchemaCatalog(Map<String, Map<String, String>> entities,
                               Map<String, Map<String, String>> complexTypes, Set<String> enums) {
        this.entities = entities;
        this.complexTypes = complexTypes;
        this.enums = enums;
    }

    /** Loads the catalogue from the classpath resource {@value #RESOURCE}. */
    public static GraphSchemaCatalog load() {
        try (InputStream in = GraphSchemaCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Graph schema resource missing from the classpath: " + RESOURCE);
            }
            return fromJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** A catalogue from a document shaped like the resource ({@code entities}, {@code complexTypes}, {@code enums}). */
    static GraphSchemaCatalog fromJson(JsonNode root) {
        Set<String> enums = new HashSet<>();
        root.path("enums").fieldNames().forEachRemaining(enums::add);
        return new GraphSchemaCatalog(typeMap(root.path("entities")), typeMap(root.path("complexTypes")),
                Collections.unmodifiableSet(enums));
    }

    private static Map<String, Map<String, String>> typeMap(JsonNode section) {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            Map<String, String> properties = new LinkedHashMap<>();
            type.getValue().fields().forEachRemaining(p -> properties.put(p.getKey(), p.getValue().asText()));
            types.put(type.getKey(), Collections.unmodifiableMap(properties));
        }
        return Collections.unmodifiableMap(types);
    }

    /** The entity names the file defines ({@code signIn}, {@code directoryAudit}, {@code user}, ...). */
    public Set<String> entityNames() {
        return Collections.unmodifiableSet(new TreeSet<>(entities.keySet()));
    }

    /** An entity's properties and their OData types ({@code Edm.DateTimeOffset (not null)}); empty when unknown. */
    public Map<String, String> properties(String entity) {
        return entities.getOrDefault(entity, Map.of());
    }

    /** The Avro record schema for an entity; built once, then cached (schemas are immutable). */
    public Schema recordSchema(String entity) {
        Map<String, String> properties = entities.get(entity);
        if (properties == null) {
            throw new IllegalArgumentException("Unknown Graph entity '" + entity + "'; known: " + entityNames());
        }
        return cache.computeIfAbsent(entity, e -> new Builder(e).entity(properties));
    }

    /** Builds one entity's schema: named complex types are shared within it, recursion is cut. */
    private final class Builder {
        private final String entity;
        private final String typesNamespace;
        private final Map<String, Schema> built = new HashMap<>();
        private final Deque<String> inProgress = new ArrayDeque<>();

        Builder(String entity) {
            this.entity = entity;
            this.typesNamespace = NAMESPACE + ".types." + entity;
        }

        Schema entity(Map<String, String> properties) {
            List<Schema.Field> fields = nullableFields(properties);
            fields.add(new Schema.Field(RAW_JSON, Schema.create(Schema.Type.STRING),
                    "the record exactly as Graph sent it", (Object) null));
            fields.add(new Schema.Field(COLLECTED_AT, timestampMicros(),
                    "when Entra Lake read the record from Graph (UTC)", (Object) null));
            return Schema.createRecord(entity, "Graph " + entity + " (v1.0)", NAMESPACE, false, fields);
        }

        private List<Schema.Field> nullableFields(Map<String, String> properties) {
            List<Schema.Field> fields = new ArrayList<>(properties.size() + 2);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                Schema type = Schema.createUnion(Schema.create(Schema.Type.NULL), valueSchema(p.getValue()));
                fields.add(new Schema.Field(p.getKey(), type, null, Schema.Field.NULL_DEFAULT_VALUE));
            }
            return fields;
        }

        /** Non-null schema of a property's value for an OData type string. */
        private Schema valueSchema(String odataType) {
            String type = odataType.endsWith(NOT_NULL)
                    ? odataType.substring(0, odataType.length() - NOT_NULL.length()) : odataType;
            if (type.startsWith(COLLECTION) && type.endsWith(")")) {
                return Schema.createArray(valueSchema(type.substring(COLLECTION.length(), type.length() - 1)));
            }
            if (type.startsWith("Edm.")) {
                return primitive(type);
            }
            if (enums.contains(type)) {
                return Schema.create(Schema.Type.STRING);
            }
            Map<String, String> complex = complexTypes.get(type);
            if (complex == null || complex.isEmpty() || inProgress.contains(type)) {
                return json(); // open, unknown, or recursive: keep the JSON text
            }
            Schema done = built.get(type);
            if (done != null) {
                return done;
            }
            inProgress.push(type);
            try {
                Schema record = Schema.createRecord(type, "Graph complex type " + type, typesNamespace, false,
                        nullableFields(complex));
                built.put(type, record);
                return record;
            } finally {
                inProgress.pop();
            }
        }

        private Schema primitive(String edmType) {
            switch (edmType) {
                case "Edm.String", "Edm.Guid", "Edm.TimeOfDay", "Edm.Duration":
                    return Schema.create(Schema.Type.STRING);
                case "Edm.Boolean":
                    return Schema.create(Schema.Type.BOOLEAN);
                case "Edm.Int32", "Edm.Int16", "Edm.Byte", "Edm.SByte":
                    return Schema.create(Schema.Type.INT);
                case "Edm.Int64":
                    return Schema.create(Schema.Type.LONG);
                case "Edm.Double", "Edm.Single", "Edm.Decimal":
                    return Schema.create(Schema.Type.DOUBLE);
                case "Edm.DateTimeOffset":
                    return timestampMicros();
                case "Edm.Date":
                    return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
                case "Edm.Binary":
                    return Schema.create(Schema.Type.BYTES);
                default: // Edm.Untyped, Edm.Stream, geography types, ...
                    return json();
            }
        }
    }

    /** Marks a string field as holding JSON text, so the normalizer writes the node's JSON, not its text. */
    static final String JSON_PROP = "entralake.json";

    private static Schema json() {
        Schema s = Schema.create(Schema.Type.STRING);
        s.addProp(JSON_PROP, true);
        return s;
    }

    private static Schema timestampMicros() {
        return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }
}
