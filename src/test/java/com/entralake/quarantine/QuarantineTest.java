package com.entralake.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.lake.LakeFileSystem;
import com.entralake.lake.LakeLayout;
import com.entralake.lake.ParquetSettings;
import com.entralake.testing.LakeQueries;
import com.fasterxml.jackson.databind.ObjectMapper;

class QuarantineTest {

    private static final String TENANT = "11111111-2222-4333-8444-555555555555";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRecordSetAsideTwiceIsOneFileOneRowAndSaysItWasSeenBefore() throws Exception {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            Quarantine quarantine = new Quarantine(lake, new LakeLayout(lake.root()), ParquetSettings.defaults());
            var record = JSON.readTree("{\"userPrincipalName\":\"adele@contoso.com\"}");
            Quarantine.Kept first = quarantine.put("signins", TENANT, record, "no id", "signins a .. b", Instant.EPOCH);
            Quarantine.Kept again = quarantine.put("signins", TENANT, record, "no id", "signins c .. d",
                    Instant.parse("2026-11-20T10:00:00Z"));
            quarantine.put("users", TENANT, JSON.readTree("\"not an object\""), "not a JSON object (string)", "users",
                    Instant.EPOCH);

            assertThat(first.seenBefore()).isFalse();
            assertThat(again.seenBefore()).isTrue();
            assertThat(again.file()).isEqualTo(first.file());
            assertThat(first.file().toString()).contains("/quarantine/tenant_id=" + TENANT + "/source_dataset=signins/signins-");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("."))).as("no temporary left").isEmpty();
        }
        try (LakeQueries queries = new LakeQueries(dir)) {
            List<String> rows = queries.strings("SELECT source_dataset || ' ' || reason || ' ' || found_by || ' ' || raw_json"
                    + " FROM read_parquet('" + queries.glob("quarantine") + "', hive_partitioning = true) ORDER BY 1");
            assertThat(rows).containsExactly("signins no id signins c .. d {\"userPrincipalName\":\"adele@contoso.com\"}",
                    "users not a JSON object (string) users \"not an object\"");
        }
    }
}
