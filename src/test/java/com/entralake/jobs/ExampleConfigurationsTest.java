package com.entralake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.yaml.snakeyaml.Yaml;

import com.entralake.config.ConfigurationException;
import com.entralake.config.DataTypeSelection;
import com.entralake.config.EntraLakeProperties;
import com.entralake.testing.ConfigurationLoading;

/**
 * Every job configuration we ship or document — each YAML file in {@code jobs/}, the configuration inside
 * the Kubernetes ConfigMap, and each YAML block of the README — loads and validates exactly as
 * {@code --config} would load it (our YAML reading, unknown keys, placeholders, the validator).
 */
class ExampleConfigurationsTest {

    private static final Path JOBS = Path.of("jobs");
    private static final Pattern README_YAML = Pattern.compile("(?s)```yaml\\n(.*?)```");
    /** The README's placeholders for what the operator copies from the app registration. */
    private static final List<String> README_PLACEHOLDERS = List.of("<Directory (tenant) ID>",
            "<Application (client) ID>", "<Secret ID>");
    /** The variables the examples take from the environment, as the CronJob sets them. */
    private static final String[] ENVIRONMENT = {"--ENTRALAKE_DB_PASSWORD=not-a-real-password"};

    @TempDir
    Path dir;

    /** name -> configuration text. */
    private static Map<String, String> configurations() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(JOBS)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                String text = Files.readString(file);
                for (Object document : new Yaml().loadAll(text)) {
                    if (document instanceof Map<?, ?> map && map.containsKey("entralake")) {
                        found.put(file.toString(), text);
                    } else if (document instanceof Map<?, ?> map && "ConfigMap".equals(map.get("kind"))
                            && map.get("data") instanceof Map<?, ?> data) {
                        data.forEach((key, value) -> {
                            if (key.toString().matches(".*\\.ya?ml")) {
                                found.put(file + " (ConfigMap " + key + ")", value.toString());
                            }
                        });
                    }
                }
            }
        }
        return found;
    }

    private static List<String> readmeBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = README_YAML.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            String block = m.group(1);
            for (String placeholder : README_PLACEHOLDERS) {
                while (block.contains(placeholder)) {
                    block = block.replaceFirst(Pattern.quote(placeholder), UUID.randomUUID().toString());
                }
            }
            blocks.add(block);
        }
        return blocks;
    }

    private EntraLakeProperties load(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name.replaceAll("[^\\w.-]", "_") + ".yml"), text, StandardCharsets.UTF_8);
        ConfigurableEnvironment environment = ConfigurationLoading.load(file, ENVIRONMENT);
        return Binder.get(environment).bind("entralake", EntraLakeProperties.class).get();
    }

    @Test
    void everyConfigurationInJobsLoadsAndValidates() throws IOException {
        Map<String, String> configurations = configurations();
        assertThat(configurations.keySet()).contains("jobs/example-production.yml",
                "jobs/kubernetes/entra-lake-cronjob.yaml (ConfigMap production.yml)");
        for (Map.Entry<String, String> c : configurations.entrySet()) {
            EntraLakeProperties properties = load(c.getKey(), c.getValue());
            assertThat(properties.getTenants()).as(c.getKey()).isNotEmpty();
        }
    }

    @Test
    void theDocumentedWordsSelectWhatTheySay() throws IOException {
        for (String name : List.of("jobs/example-production.yml",
                "jobs/kubernetes/entra-lake-cronjob.yaml (ConfigMap production.yml)")) {
            EntraLakeProperties properties = load(name, configurations().get(name));
            EntraLakeProperties.Tenant contoso = properties.getTenants().get(0);
            EntraLakeProperties.Tenant fabrikam = properties.getTenants().get(1);
            assertThat(DataTypeSelection.of(contoso, "directory_audits")).as(name).isEqualTo(DataTypeSelection.YES);
            assertThat(DataTypeSelection.of(contoso, "signins")).as(name).isEqualTo(DataTypeSelection.MANAGED);
            assertThat(DataTypeSelection.of(fabrikam, "users")).as(name).isEqualTo(DataTypeSelection.NO);
        }
    }

    @Test
    void everyYamlBlockOfTheReadmeLoadsAndValidates() throws IOException {
        List<String> blocks = readmeBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < blocks.size(); i++) {
            load("readme-block-" + i, blocks.get(i));
        }
        EntraLakeProperties walkthrough = load("readme-walkthrough", blocks.get(0));
        assertThat(DataTypeSelection.of(walkthrough.getTenants().get(1), "users")).isEqualTo(DataTypeSelection.NO);
    }

    @Test
    void withoutTheDatabasePasswordInTheEnvironmentTheExampleSaysWhichVariable() throws IOException {
        Path file = Files.writeString(dir.resolve("production.yml"), Files.readString(JOBS.resolve("example-production.yml")));
        assertThatThrownBy(() -> ConfigurationLoading.load(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spring.datasource.password (production.yml line ")
                .hasMessageContaining("uses ${ENTRALAKE_DB_PASSWORD}, which is not set");
    }
}
