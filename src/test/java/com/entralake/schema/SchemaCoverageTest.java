package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every property the metadata file declares has a column of the matching type; read independently of the catalogue. */
class SchemaCoverageTest {

    private static JsonNode metadata;
    private static GraphSchemaCatalog catalog;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SchemaCoverageTest.class.getResourceAsStream(GraphSchemaCatalog.RESOURCE)) {
            metadata = new ObjectMapper().readTree(in);
        }
        catalog = GraphSchemaCatalog.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"signIn", "directoryAudit", "user", "group"})
    void everyPropertyHasATypedField(String entity) {
        Schema schema = catalog.recordSchema(entity);
        assertThat(schema.getFullName()).isEqualTo("com.entralake.lake." + entity);
        JsonNode properties = metadata.path("entities").path(entity);
        assertThat(properties.size()).isPositive();
        List<String> checked = new ArrayList<>();
        assertRecordCovers(schema, properties, 2, entity, checked);
        assertThat(checked).hasSizeGreaterThanOrEqualTo(properties.size());
    }

    @Test
    void everyEntityInTheFileBuildsAndIsValidAvro() {
        Iterator<String> names = metadata.path("entities").fieldNames();
        int count = 0;
        while (names.hasNext()) {
            String entity = names.next();
            Schema schema = catalog.recordSchema(entity);
            // a round trip through the parser proves names are unique and valid
            Schema reparsed = new Schema.Parser().parse(schema.toString());
            assertThat(reparsed).isEqualTo(schema);
            assertRecordCovers(schema, metadata.path("entities").path(entity), 1, entity, new ArrayList<>());
            count++;
        }
        assertThat(count).isEqualTo(catalog.entityNames().size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void lastFieldsAreRawJsonAndCollectedAt() {
        Schema schema = catalog.recordSchema("signIn");
        List<Schema.Field> fields = schema.getFields();
        Schema.Field raw = fields.get(fields.size() - 2);
        Schema.Field collected = fields.get(fields.size() - 1);
        assertThat(raw.name()).isEqualTo("raw_json");
        assertThat(raw.schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(collected.name()).isEqualTo("collected_at");
        assertThat(collected.schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(collected.schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
    }

    @Test
    void notNullPropertiesAreStillNullableWithNullDefault() {
        Schema.Field id = catalog.recordSchema("signIn").getField("id");
        assertThat(id.schema().getType()).isEqualTo(Schema.Type.UNION);
        assertThat(id.schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
        assertThat(id.hasDefaultValue()).isTrue();
        assertThat(id.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void openTypesBecomeJsonStrings() {
        Schema user = catalog.recordSchema("user");
        Schema attrs = nonNull(user.getField("customSecurityAttributes").schema());
        assertThat(attrs.getType()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void unknownEntityIsAClearError() {
        assertThatThrownBy(() -> catalog.recordSchema("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signIn");
    }

    private static void assertRecordCovers(Schema record, JsonNode properties, int depth, String path, List<String> checked) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String where = path + "." + p.getKey();
            Schema.Field field = record.getField(p.getKey());
            assertThat(field).as(where).isNotNull();
            Schema union = field.schema();
            assertThat(union.getType()).as(where).isEqualTo(Schema.Type.UNION);
            assertThat(union.getTypes().get(0).getType()).as(where).isEqualTo(Schema.Type.NULL);
            assertThat(field.defaultVal()).as(where).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
            String type = p.getValue().asText().replace(" (not null)", "");
            assertValueType(nonNull(union), type, depth, where, checked);
            checked.add(where);
        }
    }

    private static void assertValueType(Schema s, String type, int depth, String where, List<String> checked) {
        if (type.startsWith("Collection(")) {
            assertThat(s.getType()).as(where).isEqualTo(Schema.Type.ARRAY);
            assertValueType(s.getElementType(), type.substring(11, type.length() - 1), depth, where + "[]", checked);
            return;
        }
        switch (type) {
            case "Edm.String", "Edm.Guid" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.STRING);
            case "Edm.Boolean" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.BOOLEAN);
            case "Edm.Int32" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.INT);
            case "Edm.Int64" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.LONG);
            case "Edm.Double" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.DOUBLE);
            case "Edm.Binary" -> assertThat(s.getType()).as(where).isEqualTo(Schema.Type.BYTES);
            case "Edm.DateTimeOffset" -> {
                assertThat(s.getType()).as(where).isEqualTo(Schema.Type.LONG);
                assertThat(s.getLogicalType()).as(where).isEqualTo(LogicalTypes.timestampMicros());
            }
            default -> {
                if (metadata.path("enums").has(type)) {
                    assertThat(s.getType()).as(where + " (enum " + type + ")").isEqualTo(Schema.Type.STRING);
                } else if (metadata.path("complexTypes").path(type).size() > 0) {
                    assertThat(s.getType()).as(where + " (" + type + ")").isEqualTo(Schema.Type.RECORD);
                    assertThat(s.getName()).as(where).isEqualTo(type);
                    if (depth > 1) {
                        assertRecordCovers(s, metadata.path("complexTypes").path(type), depth - 1, where, checked);
                    }
                } else {
                    assertThat(s.getType()).as(where + " (open " + type + ")").isEqualTo(Schema.Type.STRING);
                }
            }
        }
    }

    private static Schema nonNull(Schema union) {
        return union.getType() == Schema.Type.UNION ? union.getTypes().get(1) : union;
    }
}
