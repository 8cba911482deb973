package com.entralake.process;

import static com.entralake.process.ProcessSupport.NOW;
import static com.entralake.process.ProcessSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;
import com.entralake.testing.LakeQueries;

/**
 * Invariant 6 with every logger at DEBUG (Spring, Spring Batch, MSAL4J, Hadoop, Entra Lake): neither the
 * client secret nor an access token shows up in the output, the job repository (parameters, execution
 * contexts, exit descriptions) or the lake — for a successful run and for a run whose secret is refused.
 */
class SecretsStayOutIT {

    /** A JWT as Entra issues them: base64url header starting {"..., a dot, the claims. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");
    private static final Map<String, String> DEBUG = Map.of(
            "LOGGING_LEVEL_ROOT", "DEBUG",
            "LOGGING_LEVEL_COM_MICROSOFT_AAD_MSAL4J", "DEBUG",
            "LOGGING_LEVEL_COM_ENTRALAKE", "DEBUG",
            "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BATCH", "DEBUG");

    @Test
    void neitherTheSecretNorATokenAppearsInOutputJobRepositoryOrLakeWithDebugLogging(@TempDir Path dir) throws Exception {
        try (CollectFixture fixture = CollectFixture.start(dir)) {
            fixture.emulator.clock().set(NOW);
            TestTenant good = fixture.tenant("secret-good", License.PREMIUM, 5, 2);
            TestTenant refused = fixture.tenant("secret-refused", License.PREMIUM, 5, 2);
            String wrongSecret = "wr0ng~" + UUID.randomUUID() + "~VALUE";
            Path wrongSecretFile = Files.writeString(dir.resolve("wrong-secret"), wrongSecret + "\n");

            Path goodConfig = fixture.config("good.properties", List.of(good), Map.of(
                    "entralake.lake-root", dir.resolve("lake-good").toString(),
                    "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo-good") + ";AUTO_SERVER=TRUE"));
            Path refusedConfig = fixture.config("refused.properties", List.of(refused), Map.of(
                    "entralake.lake-root", dir.resolve("lake-refused").toString(),
                    "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo-refused") + ";AUTO_SERVER=TRUE",
                    "entralake.tenants[0].client-secret-file", wrongSecretFile.toString()));

            List<String> jvm = new ArrayList<>(ProcessSupport.JVM_OPTIONS);
            jvm.add("-Djdk.httpclient.HttpClient.log=errors");
            JarProcess goodRun = JarProcess.start(dir.resolve("run-good"), DEBUG, jvm, "collect", "--config=" + goodConfig,
                    "--now=" + NOW);
            JarProcess refusedRun = JarProcess.start(dir.resolve("run-refused"), DEBUG, jvm, "collect",
                    "--config=" + refusedConfig, "--now=" + NOW);
            JarProcess.Result goodResult = goodRun.await(TIMEOUT);
            JarProcess.Result refusedResult = refusedRun.await(TIMEOUT);
            System.out.println("good run: exit " + goodResult.exitCode() + ", " + goodResult.stdout().length()
                    + " chars of stdout; refused run: exit " + refusedResult.exitCode());
            System.out.println(tail(goodResult.stdout(), 3_000));
            System.out.println(tail(refusedResult.stdout(), 3_000));

            assertThat(goodResult.exitCode()).as(tail(goodResult.all(), 5_000)).isZero();
            assertThat(refusedResult.exitCode()).as(tail(refusedResult.all(), 5_000)).isEqualTo(3);
            assertThat(refusedResult.stdout()).contains("AADSTS7000215");
            // the runs really logged at DEBUG, from MSAL4J too, and really talked to Graph
            assertThat(goodResult.stdout()).contains(" DEBUG ").containsPattern("DEBUG .*(?i)msal|DEBUG\\s+\\S*(Token|Confidential|Authority)");
            assertThat(refusedResult.stdout()).contains(" DEBUG ");
            try (LakeQueries lake = new LakeQueries(dir.resolve("lake-good"))) {
                assertThat(lake.idRows("signins")).isNotEmpty();
            }

            List<String> secrets = List.of(good.secret(), secretCore(good.secret()), refused.secret(),
                    secretCore(refused.secret()), wrongSecret, secretCore(wrongSecret));

            // test-connectivity reads the token's claims and the app registration; it stores its results beside
            // the job repository's tables (covered by the raw database bytes below)
            JarProcess.Result connectResult = JarProcess.start(dir.resolve("run-connect"), DEBUG, jvm, "test-connectivity",
                    "--config=" + goodConfig, "--now=" + NOW).await(TIMEOUT);
            assertThat(connectResult.exitCode()).as(tail(connectResult.all(), 5_000)).isZero();
            assertThat(connectResult.stdout()).contains("Connected (").contains(" DEBUG ");

            Map<String, String> places = new LinkedHashMap<>();
            places.put("stdout of test-connectivity", connectResult.stdout());
            places.put("stderr of test-connectivity", connectResult.stderr());
            places.put("stdout of the good run", goodResult.stdout());
            // were Parquet's value log on, it would print every value as a list of byte values: read those as text too
            places.put("byte lists in the stdout of the good run", decodedByteLists(goodResult.stdout()));
            places.put("stderr of the good run", goodResult.stderr());
            places.put("stdout of the refused run", refusedResult.stdout());
            places.put("stderr of the refused run", refusedResult.stderr());
            places.put("job repository of the good run", dumpBatchTables(dir.resolve("jobrepo-good")));
            places.put("job repository of the refused run", dumpBatchTables(dir.resolve("jobrepo-refused")));
            for (String lakeName : List.of("lake-good", "lake-refused")) {
                for (Path file : ProcessSupport.filesUnder(dir.resolve(lakeName))) {
                    places.put(dir.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
                places.put("every row of " + lakeName + " as text", lakeRowsAsText(dir.resolve(lakeName)));
            }
            for (String jobRepo : List.of("jobrepo-good", "jobrepo-refused")) {
                for (Path file : ProcessSupport.filesUnder(dir).stream()
                        .filter(p -> p.getFileName().toString().startsWith(jobRepo)).toList()) {
                    places.put("raw bytes of " + file.getFileName(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }

            assertThat(places.get("stdout of the good run") + places.get("byte lists in the stdout of the good run"))
                    .as("record content stays out of the log even at DEBUG (Parquet's value log is held at INFO)")
                    .doesNotContain(lakeIdSample(dir.resolve("lake-good")));
            assertThat(places.get("job repository of the good run")).as("the dump really holds the job repository")
                    .contains(good.tenantId()).contains("signins");
            assertThat(places.get("every row of lake-good as text")).as("the lake text really holds the rows")
                    .contains(lakeIdSample(dir.resolve("lake-good")));
            for (Map.Entry<String, String> place : places.entrySet()) {
                for (String secret : secrets) {
                    assertThat(place.getValue()).as("a secret value in %s", place.getKey()).doesNotContain(secret);
                }
                assertThat(JWT.matcher(place.getValue()).results().map(m -> m.group()).toList())
                        .as("an access token in %s", place.getKey()).isEmpty();
            }
        }
    }

    private static final Pattern BYTE_LIST = Pattern.compile("\\[([0-9, ]{20,}+)\\]");

    private static String decodedByteLists(String log) {
        StringBuilder text = new StringBuilder();
        BYTE_LIST.matcher(log).results().forEach(m -> {
            for (String b : m.group(1).split(",")) {
                String digits = b.strip();
                if (!digits.isEmpty() && digits.length() <= 3) {
                    text.append((char) Integer.parseInt(digits));
                }
            }
            text.append('\n');
        });
        return text.toString();
    }

    /** The random middle of a test secret: catches a secret printed with its prefix or suffix cut off. */
    private static String secretCore(String secret) {
        return secret.split("~")[1];
    }

    /**
     * Every BATCH_ table as text, row by row, every column — plus what a base64 value decodes to, since an
     * execution context may be stored serialized and encoded.
     */
    private static String dumpBatchTables(Path jobRepo) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + jobRepo + ";AUTO_SERVER=TRUE", "sa", "")) {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) LIKE 'BATCH\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as("the job repository has its Spring Batch tables")
                    .contains("BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION_CONTEXT");
            for (String table : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        dump.append(table).append(':');
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String value = rs.getString(i);
                            dump.append(' ').append(meta.getColumnName(i)).append('=').append(value);
                            dump.append(decodedIfBase64(value));
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private static String decodedIfBase64(String value) {
        if (value == null || value.length() < 16 || !value.matches("[A-Za-z0-9+/=\\s]+")) {
            return "";
        }
        try {
            return " (decoded: " + new String(Base64.getMimeDecoder().decode(value), StandardCharsets.ISO_8859_1) + ")";
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    /** Every row of every dataset, each rendered by DuckDB as one text value (all columns, raw_json included). */
    private static String lakeRowsAsText(Path lakeDir) throws Exception {
        StringBuilder text = new StringBuilder();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            for (String dataset : List.of("signins", "directory_audits", "users", "groups")) {
                if (lake.hasFiles(dataset)) {
                    lake.strings("SELECT CAST(t AS VARCHAR) FROM read_parquet('" + lake.glob(dataset)
                            + "', hive_partitioning = true, union_by_name = true) t").forEach(r -> text.append(r).append('\n'));
                }
            }
        }
        return text.toString();
    }

    private static String lakeIdSample(Path lakeDir) throws Exception {
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            return lake.idRows("signins").get(0);
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }
}
