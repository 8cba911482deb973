package com.entralake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.entralake.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * A lake holds files written by every version of Entra Lake: a refreshed schema file may add columns and
 * types, but the columns an earlier version wrote keep their names, types and order (readers that match
 * Parquet columns by position, and a diff of two partitions, would otherwise see a different table).
 * The reference is the schema the first versions wrote with ({@code graph-examples/v1.0-schema-selected.json}).
 */
class ColumnOrderStabilityTest {

    @Test
    void everyColumnOfTheFirstSchemaKeepsItsPlaceAndType() throws Exception {
        JsonNode first = new ObjectMapper().readTree(TestResources.graphExamples()
                .resolve("v1.0-schema-selected.json").toFile());
        GraphSchemaCatalog before = GraphSchemaCatalog.fromJson(first);
        GraphSchemaCatalog now = GraphSchemaCatalog.load();
        List<String> entities = new ArrayList<>();
        first.path("entities").fieldNames().forEachRemaining(entities::add);
        assertThat(entities).isNotEmpty();
        for (String entity : entities) {
            Schema old = before.recordSchema(entity);
            Schema current = now.recordSchema(entity);
            List<Schema.Field> oldFields = old.getFields();
            assertThat(current.getFields().size()).as(entity).isGreaterThanOrEqualTo(oldFields.size());
            for (int i = 0; i < oldFields.size(); i++) {
                Schema.Field was = oldFields.get(i);
                Schema.Field is = current.getFields().get(i);
                assertThat(is.name()).as("%s column %d", entity, i).isEqualTo(was.name());
                assertThat(is.schema()).as("%s.%s", entity, was.name()).isEqualTo(was.schema());
            }
        }
    }
}
