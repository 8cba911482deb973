package com.entralake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.entralake.catalog.DataType;
import com.entralake.schema.GraphSchemaCatalog;

/** The columns a dataset has in the lake, as DuckDB reads them back, held against the schema file. */
public final class SchemaColumns {

    private static final GraphSchemaCatalog SCHEMAS = GraphSchemaCatalog.load();

    private SchemaColumns() {
    }

    /** Each property's column has the type its OData type maps to; the lake's own columns are there too. */
    public static void assertMatchSchema(Map<String, String> columns, DataType type) {
        Map<String, String> properties = SCHEMAS.properties(type.resourceType());
        assertThat(columns.keySet()).as(type.dataset()).containsAll(properties.keySet())
                .contains("raw_json", "collected_at", "tenant_id", type.mode().partitionColumn());
        properties.forEach((name, odata) -> {
            String odataType = odata.replace(" (not null)", "");
            String column = columns.get(name);
            if (odataType.startsWith("Collection(")) {
                assertThat(column).as("%s.%s", type.dataset(), name).endsWith("[]");
            } else if (odataType.equals("Edm.DateTimeOffset")) {
                assertThat(column).as("%s.%s", type.dataset(), name).isEqualTo("TIMESTAMP WITH TIME ZONE");
            } else if (odataType.equals("Edm.Int32")) {
                assertThat(column).as("%s.%s", type.dataset(), name).isEqualTo("INTEGER");
            } else if (odataType.equals("Edm.Int64")) {
                assertThat(column).as("%s.%s", type.dataset(), name).isEqualTo("BIGINT");
            } else if (odataType.equals("Edm.Boolean")) {
                assertThat(column).as("%s.%s", type.dataset(), name).isEqualTo("BOOLEAN");
            } else if (odataType.equals("Edm.String")) {
                assertThat(column).as("%s.%s", type.dataset(), name).isEqualTo("VARCHAR");
            }
        });
    }
}
