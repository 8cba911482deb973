package com.entralake.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.schema.GraphSchemaCatalog;

/** {@code docs/datasets.md} is what the catalogue says, never an edited copy of it. */
class DatasetsDocumentTest {

    private static final Path FILE = Path.of("docs", "datasets.md");

    @Test
    void theDocumentIsGeneratedFromTheCatalogue() throws Exception {
        String generated = new DatasetsDocument(GraphSchemaCatalog.load()).render();
        if (Boolean.getBoolean("entralake.docs.update")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(FILE)).as(FILE + " exists").isTrue();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as(FILE + " differs from the catalogue: regenerate it with "
                        + "mvn -B -q test -Dtest=DatasetsDocumentTest -Dentralake.docs.update=true")
                .isEqualTo(generated);
    }

    @Test
    void everyDatasetHasItsSectionWithEndpointPermissionsLicenceLayoutColumnsAndAQuery() {
        String generated = new DatasetsDocument(GraphSchemaCatalog.load()).render();
        for (DataType type : DataTypeCatalog.all()) {
            String rest = generated.substring(generated.indexOf("\n## " + type.dataset() + "\n"));
            int next = rest.indexOf("\n## ", 4);
            String section = next < 0 ? rest : rest.substring(0, next);
            assertThat(section).as(type.dataset()).contains("`GET " + type.graphPath())
                    .contains("lake/" + type.dataset() + "/tenant_id=").contains("| `raw_json` | string |")
                    .contains("read_parquet('lake/" + type.dataset() + "/");
            type.leastPrivilegedPermissions().forEach(p -> assertThat(section).contains("`" + p + "`"));
            assertThat(section).contains(type.licence().isNeeded() ? type.licence().name() : "| licence | none |");
        }
    }
}
