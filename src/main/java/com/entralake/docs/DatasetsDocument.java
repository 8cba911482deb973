package com.entralake.docs;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.PermissionNeed;
import com.entralake.catalog.ThrottleClass;
import com.entralake.schema.GraphSchemaCatalog;

/**
 * {@code docs/datasets.md}, written from the catalogue and the schema file so that it cannot drift from what the
 * job does: every dataset with its endpoint, permissions, licence, retention, throttle budget, partition layout,
 * columns and an example query. {@code DatasetsDocumentTest} fails when the file differs and rewrites it on request.
 */
public final class DatasetsDocument {

    private final GraphSchemaCatalog schemas;

    public DatasetsDocument(GraphSchemaCatalog schemas) {
        this.schemas = schemas;
    }

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Datasets\n\n")
                .append("<!-- Generated from the catalogue (catalog/DataTypeCatalog) and the schema file by\n")
                .append("     DatasetsDocumentTest; do not edit by hand. To regenerate:\n")
                .append("     mvn -B -q test -Dtest=DatasetsDocumentTest -Dentralake.docs.update=true -->\n\n")
                .append("Every data type Entra Lake collects, one lake folder each. A tenant collects a type when its\n")
                .append("`data-types.<dataset>` is `yes` or `managed` (the default for the types marked *on by default*;\n")
                .append("`managed` skips a type the tenant's licence or the app's permissions do not allow). Columns are the\n")
                .append("resource's properties as typed Parquet columns, then `raw_json` (the record as Graph sent it) and\n")
                .append("`collected_at`; see [lake.md](lake.md) for the layout, the manifest and how types map.\n\n")
                .append("Graph writes `0001-01-01T00:00:00Z` for \"never\" in many date-time properties (sign-in activity,\n")
                .append("password and sync times). Spark 3.x refuses to read timestamps that old from Parquet without a\n")
                .append("rebase setting, so a typed timestamp before 1900-01-01 (and a date before 1582-10-15) is written as\n")
                .append("null; `raw_json` keeps the original text ([lake.md](lake.md#columns-and-types) says more).\n\n");
        md.append("| dataset | what | Graph endpoint | collected as | on by default |\n|---|---|---|---|---|\n");
        for (DataType type : DataTypeCatalog.builtIn()) {
            md.append("| [`").append(type.dataset()).append("`](#").append(type.dataset()).append(") | ")
                    .append(type.summary()).append(" | `GET ").append(type.graphPath()).append("` | ")
                    .append(kind(type)).append(" | ").append(type.onByDefault() ? "yes" : "no").append(" |\n");
        }
        for (DataType type : DataTypeCatalog.builtIn()) {
            section(md, type);
        }
        return md.toString();
    }

    private void section(StringBuilder md, DataType type) {
        md.append("\n## ").append(type.dataset()).append("\n\n").append(type.summary()).append(".\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "endpoint", "`GET " + type.graphPath() + query(type) + "`"
                + (type.version().segment().equals("beta") ? " (beta: Microsoft may change or withdraw it)" : ""));
        // the schema file names a beta type whose v1.0 namesake differs <name>_beta; Graph calls both <name>
        row(md, "resource", "`microsoft.graph." + type.resourceType().replaceFirst("_beta$", "") + "`"
                + (type.resourceType().endsWith("_beta") ? " (beta)" : ""));
        row(md, "collected as", type.mode().describe() + operators(type));
        row(md, "page size", type.pageSize() == 0 ? "one object" : Integer.toString(type.pageSize()));
        row(md, "permissions", type.permissions().stream().map(DatasetsDocument::permission)
                .collect(Collectors.joining("; ")));
        row(md, "licence", type.licence().isNeeded() ? type.licence().name() : "none");
        if (type.timeWindows().isPresent()) {
            row(md, "retention in Graph", type.retention().withPremium().toDays() + " days with Entra ID P1/P2, "
                    + type.retention().withoutPremium().toDays() + " without");
        }
        row(md, "throttle budget", throttle(type.throttle()));
        row(md, "partitions", "`" + layout(type) + "`");
        md.append("\n<details><summary>Columns</summary>\n\n| column | type |\n|---|---|\n");
        for (Schema.Field field : schemas.recordSchema(type.resourceType()).getFields()) {
            md.append("| `").append(field.name()).append("` | ").append(typeName(field.schema())).append(" |\n");
        }
        md.append("\n</details>\n\nExample (DuckDB):\n\n```sql\n").append(exampleQuery(type)).append("\n```\n");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String kind(DataType type) {
        return type.timeWindows().isPresent() ? "events" : type.mode() instanceof CollectionMode.SingleObject
                ? "single object" : "snapshot";
    }

    private static String query(DataType type) {
        return type.fixedFilter() == null ? "" : "?$filter=" + type.fixedFilter();
    }

    private static String operators(DataType type) {
        return type.timeWindows().map(w -> " (`$filter` with " + w.operators().stream().sorted()
                .map(o -> "`" + o.word() + "`").collect(Collectors.joining(", "))
                + (w.ordered() ? ", newest first)" : "; Graph documents no order, so each query is placed once read whole)"))
                .orElse("");
    }

    private static String permission(PermissionNeed need) {
        return "`" + need.leastPrivileged() + "`" + (need.alsoAccepted().isEmpty() ? ""
                : " (or " + need.alsoAccepted().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + ")");
    }

    private static String throttle(ThrottleClass throttle) {
        List<String> sharing = DataTypeCatalog.builtIn().stream().filter(t -> t.throttle() == throttle)
                .map(DataType::dataset).toList();
        return throttle.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + throttle.describe()
                + " per tenant, shared by " + String.join(", ", sharing)
                + (throttle.sendsRetryAfter() ? "" : "; Graph's 429 carries no Retry-After");
    }

    private static String layout(DataType type) {
        String folder = "lake/" + type.dataset() + "/tenant_id=<tenant GUID>/" + type.mode().partitionColumn() + "=<yyyy-MM-dd>/";
        return folder + (type.timeWindows().isPresent() ? type.dataset() + "-<window start>-<window length>.parquet"
                : "part-NNNNN.parquet");
    }

    private static String exampleQuery(DataType type) {
        String from = "FROM read_parquet('lake/" + type.dataset() + "/**/*.parquet', hive_partitioning = true)";
        if (type.timeWindows().isPresent()) {
            return "SELECT event_date, count(*) AS records\n" + from + "\nGROUP BY ALL ORDER BY event_date;";
        }
        return "-- the latest snapshot of each tenant\nSELECT tenant_id, count(*) AS objects\n" + from
                + "\nWHERE snapshot_date = (SELECT max(snapshot_date) " + from + ")\nGROUP BY ALL;";
    }

    /** Parquet-level words for an Avro field type: string, boolean, int, bigint, double, timestamp, date, struct, list. */
    static String typeName(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .map(DatasetsDocument::typeName).orElse("null");
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return "timestamp (UTC)";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "date";
        }
        return switch (schema.getType()) {
            case STRING -> schema.getObjectProp("entralake.json") != null ? "string (JSON)" : "string";
            case BOOLEAN -> "boolean";
            case INT -> "int";
            case LONG -> "bigint";
            case DOUBLE, FLOAT -> "double";
            case BYTES -> "binary";
            case ARRAY -> "list of " + typeName(schema.getElementType());
            case RECORD -> "struct " + schema.getName();
            default -> schema.getType().getName();
        };
    }
}
