package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Mapping rules the shipped file does not exercise: recursion, shared types, rarer Edm types. */
class GraphSchemaCatalogTest {

    private static final String DOC = """
            {"entities": {"thing": {
                "tree": "node",
                "first": "pair", "second": "pair", "pairs": "Collection(pair) (not null)",
                "open": "bag", "untyped": "Edm.Untyped", "unknownType": "notDeclaredAnywhere",
                "day": "Edm.Date", "at": "Edm.TimeOfDay", "len": "Edm.Duration",
                "small": "Edm.Int16", "tiny": "Edm.Byte", "big": "Edm.Int64",
                "single": "Edm.Single", "dec": "Edm.Decimal", "blob": "Edm.Binary",
                "kind": "colour", "kinds": "Collection(colour)"}},
             "complexTypes": {
                "node": {"name": "Edm.String", "children": "Collection(node)", "parent": "node", "meta": "wrapper"},
                "wrapper": {"back": "node"},
                "pair": {"a": "Edm.Int32", "b": "Edm.String"},
                "bag": {}},
             "enums": {"colour": ["red", "unknownFutureValue"]}}
            """;

    private final Schema thing = GraphSchemaCatalog.fromJson(readTree()).recordSchema("thing");

    private static com.fasterxml.jackson.databind.JsonNode readTree() {
        try {
            return new ObjectMapper().readTree(DOC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Schema type(Schema record, String field) {
        return record.getField(field).schema().getTypes().get(1);
    }

    @Test
    void recursionIsCutIntoJsonStrings() {
        Schema node = type(thing, "tree");
        assertThat(node.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(type(node, "children").getElementType().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(node, "parent").getType()).isEqualTo(Schema.Type.STRING);
        Schema wrapper = type(node, "meta");
        assertThat(wrapper.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(type(wrapper, "back").getType()).isEqualTo(Schema.Type.STRING); // indirect recursion
        new Schema.Parser().parse(thing.toString());
    }

    @Test
    void aComplexTypeUsedTwiceIsOneNamedSchema() {
        Schema first = type(thing, "first");
        assertThat(first).isSameAs(type(thing, "second")).isSameAs(type(thing, "pairs").getElementType());
        assertThat(first.getFullName()).isEqualTo("com.entralake.lake.types.thing.pair");
        assertThat(new Schema.Parser().parse(thing.toString())).isEqualTo(thing);
    }

    @Test
    void openAndUnknownTypesAreStrings() {
        assertThat(type(thing, "open").getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(thing, "untyped").getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(thing, "unknownType").getType()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void rarerEdmTypes() {
        assertThat(type(thing, "day").getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(type(thing, "day").getType()).isEqualTo(Schema.Type.INT);
        assertThat(type(thing, "at").getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(thing, "len").getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(thing, "small").getType()).isEqualTo(Schema.Type.INT);
        assertThat(type(thing, "tiny").getType()).isEqualTo(Schema.Type.INT);
        assertThat(type(thing, "big").getType()).isEqualTo(Schema.Type.LONG);
        assertThat(type(thing, "single").getType()).isEqualTo(Schema.Type.DOUBLE);
        assertThat(type(thing, "dec").getType()).isEqualTo(Schema.Type.DOUBLE);
        assertThat(type(thing, "blob").getType()).isEqualTo(Schema.Type.BYTES);
        assertThat(type(thing, "kind").getType()).isEqualTo(Schema.Type.STRING);
        assertThat(type(thing, "kinds").getElementType().getType()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void entitiesDoNotShareComplexTypeNames() {
        GraphSchemaCatalog catalog = GraphSchemaCatalog.load();
        Schema signInStatus = type(catalog.recordSchema("signIn"), "status");
        assertThat(signInStatus.getNamespace()).isEqualTo("com.entralake.lake.types.signIn");
        assertThat(catalog.recordSchema("signIn")).isSameAs(catalog.recordSchema("signIn"));
    }
}
