package com.entralake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.entralake.testing.ConfigurationLoading;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** A configuration file read the way --config reads it: what the user wrote is what runs, or one clear error. */
class ConfigurationLoadingTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static final String TENANT = """
                - name: contoso
                  tenant-id: 8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a
                  client-id: 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
                  client-secret-env: CONTOSO_SECRET
            """;

    private static EntraLakeProperties bind(ConfigurableEnvironment environment) {
        return Binder.get(environment).bind("entralake", EntraLakeProperties.class).get();
    }

    @Test
    void theDocumentedYesAndNoAreTheWordsTheUserWrote() throws IOException {
        Path config = file("production.yml", "entralake:\n  tenants:\n" + TENANT + """
                      data-types:
                        users: no
                        directory_audits: yes
                        signins: managed
                """);
        EntraLakeProperties properties = bind(ConfigurationLoading.load(config));
        EntraLakeProperties.Tenant tenant = properties.getTenants().get(0);
        assertThat(tenant.getDataTypes()).containsEntry("users", "no").containsEntry("directory_audits", "yes");
        assertThat(DataTypeSelection.of(tenant, "users")).isEqualTo(DataTypeSelection.NO);
        assertThat(DataTypeSelection.of(tenant, "directory_audits")).isEqualTo(DataTypeSelection.YES);
    }

    @Test
    void thePackagedApplicationYmlBindsAsBefore() throws IOException {
        ConfigurableEnvironment environment = ConfigurationLoading.load(file("empty.yml", "entralake:\n  demo: true\n"));
        Binder binder = Binder.get(environment);
        assertThat(binder.bind("spring.main.banner-mode", Banner.Mode.class).get()).isEqualTo(Banner.Mode.OFF);
        assertThat(binder.bind("spring.datasource.password", String.class).get()).isEmpty();
        assertThat(binder.bind("spring.datasource.username", String.class).get()).isEqualTo("sa");
        assertThat(binder.bind("spring.batch.job.enabled", Boolean.class).get()).isFalse();
        assertThat(binder.bind("spring.batch.jdbc.initialize-schema", String.class).get()).isEqualTo("never");
        assertThat(binder.bind("spring.main.web-application-type", String.class).get()).isEqualTo("none");
        assertThat(((Logger) LoggerFactory.getLogger("org.springframework.boot.SpringApplication")).getLevel())
                .isEqualTo(Level.OFF);
        // every layer of Spring Batch, and of the transactions it runs in, that would log a failure the collector
        // reports once
        for (String batchLogger : List.of("org.springframework.batch.core.step.AbstractStep",
                "org.springframework.batch.core.job.AbstractJob", "org.springframework.batch.core.step.item.ChunkOrientedStep",
                "org.springframework.transaction.support.TransactionTemplate",
                "org.springframework.transaction.interceptor.TransactionInterceptor",
                "org.springframework.jdbc.support.JdbcTransactionManager",
                "org.springframework.jdbc.datasource.DataSourceTransactionManager")) {
            assertThat(((Logger) LoggerFactory.getLogger(batchLogger)).getEffectiveLevel()).as(batchLogger)
                    .isEqualTo(Level.OFF);
        }
        assertThat(((Logger) LoggerFactory.getLogger("com.microsoft.aad.msal4j")).getLevel()).isEqualTo(Level.ERROR);
        assertThat(environment.getPropertySources().stream().filter(OriginTrackedMapPropertySource.class::isInstance)
                .map(s -> s.getName())).anyMatch(name -> name.contains("application.yml"));
    }

    @Test
    void anUnknownKeyNamesItsLineAndTheNearestKnownKey() throws IOException {
        Path config = file("production.yml", "entralake:\n  lake-rot: /data/lake\n  http:\n    read-timout: PT5S\n"
                + "  tenants:\n" + TENANT + "      client-secret-fle: /run/secret\n");
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("entralake.lake-rot (production.yml line 2) is not a known setting;"
                        + " did you mean entralake.lake-root?")
                .hasMessageContaining("entralake.http.read-timout (production.yml line 4) is not a known setting;"
                        + " did you mean entralake.http.read-timeout?")
                .hasMessageContaining("entralake.tenants[0].client-secret-fle (production.yml line 10) is not a known"
                        + " setting; did you mean entralake.tenants[0].client-secret-file?");
    }

    @Test
    void relaxedFormsOfKnownKeysAreKnown() throws IOException {
        Path config = file("relaxed.properties", """
                entralake.lakeRoot=/data/lake
                entralake.http.read_timeout=PT5S
                entralake.tenants[0].name=contoso
                entralake.tenants[0].tenantId=8f0b5a4e-3c1d-4c5e-9a7b-2d6f1e0c9b8a
                entralake.tenants[0].client-id=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
                entralake.tenants[0].CLIENT-SECRET-ENV=CONTOSO_SECRET
                entralake.tenants[0].data-types.users=false
                entralake.hadoop.fs.s3a.endpoint=http://minio:9000
                """);
        EntraLakeProperties properties = bind(ConfigurationLoading.load(config, "--entralake.now=2026-11-27T03:00:00Z"));
        assertThat(properties.getLakeRoot()).isEqualTo("/data/lake");
        assertThat(properties.getHadoop()).containsEntry("fs.s3a.endpoint", "http://minio:9000");
        assertThat(DataTypeSelection.of(properties.getTenants().get(0), "users")).isEqualTo(DataTypeSelection.NO);
    }

    @Test
    void anUnknownKeyOnTheCommandLineIsRefusedToo() throws IOException {
        Path config = file("ok.yml", "entralake:\n  tenants:\n" + TENANT);
        assertThatThrownBy(() -> ConfigurationLoading.load(config, "--entralake.lake-rot=/data/lake"))
                .hasMessage("entralake.lake-rot (command line) is not a known setting; did you mean entralake.lake-root?");
    }

    @Test
    void environmentVariablesAreNotHeldToTheKnownKeys() throws IOException {
        // Spring maps ENTRALAKE_DB_PASSWORD to entralake.db.password: a legitimate variable, not a setting
        ConfigurableEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("ENTRALAKE_DB_PASSWORD", "pw", "ENTRALAKE_DEMO", "true")));
        assertThat(ConfigurationCheck.check(environment).isDemo()).isTrue();
    }

    @Test
    void anUnsetPlaceholderNamesTheKeyTheLineAndTheVariable() throws IOException {
        Path config = file("production.yml", "entralake:\n  tenants:\n" + TENANT + """
                spring:
                  datasource:
                    url: jdbc:postgresql://db.example:5432/entralake
                    password: ${ENTRALAKE_TEST_UNSET_PASSWORD}
                    username: ${ENTRALAKE_TEST_UNSET_USER:entralake}
                """);
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessage("spring.datasource.password (production.yml line 10) uses ${ENTRALAKE_TEST_UNSET_PASSWORD},"
                        + " which is not set: export ENTRALAKE_TEST_UNSET_PASSWORD in the job's environment"
                        + " (or give a default: ${ENTRALAKE_TEST_UNSET_PASSWORD:value})");
        // set (here on the command line; in production in the environment), it resolves
        ConfigurationLoading.load(config, "--ENTRALAKE_TEST_UNSET_PASSWORD=s3cr3t");
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyLineAndWhatIsExpectedWithoutJavaNames() throws IOException {
        Path config = file("production.yml", "entralake:\n  http:\n    read-timeout: soon\n  tenants:\n" + TENANT);
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessage("entralake.http.read-timeout (production.yml line 3) is 'soon', which is not a duration:"
                        + " ISO-8601 such as PT30S, PT5M, PT2H or P30D, or 30s, 5m, 2h, 30d");
        Path number = file("number.yml", "entralake:\n  collection:\n    tenant-parallelism: two\n  tenants:\n" + TENANT);
        assertThatThrownBy(() -> ConfigurationLoading.load(number))
                .hasMessage("entralake.collection.tenant-parallelism (number.yml line 3) is 'two', which is not a whole number");
    }

    @Test
    void aNegativeTimeoutIsAConfigurationErrorWithItsLine() throws IOException {
        Path config = file("production.yml", "entralake:\n  http:\n    read-timeout: -PT5S\n  tenants:\n" + TENANT);
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessage("entralake.http.read-timeout (production.yml line 3) must be positive (e.g. PT30S), got PT-5S");
    }

    @Test
    void twoTenantsWithTheSameNameAreRefusedAtTheSecondOne() throws IOException {
        Path config = file("production.yml", "entralake:\n  tenants:\n" + TENANT + """
                    - name: CONTOSO
                      tenant-id: 2b6c1f0e-9d8a-4b7c-8e5f-3a2d1c0b9f8e
                      client-id: 3c9e7d1a-2b4f-4e6a-9c8d-7f5e3a1b2c4d
                      client-secret-env: OTHER_SECRET
                """);
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessage("entralake.tenants[1].name (tenant 'CONTOSO', production.yml line 7) 'CONTOSO' is already the"
                        + " name of entralake.tenants[0]: each tenant needs its own name (--tenant and the run summary go by it)");
    }

    @Test
    void propertiesFilesTrackTheirLinesToo() throws IOException {
        Path config = file("job.properties", """
                # a comment
                entralake.tenants[0].name=contoso
                entralake.tenants[0].tenant-id=contoso.onmicrosoft.com
                entralake.tenants[0].client-id=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
                entralake.tenants[0].client-secret-env=CONTOSO_SECRET
                """);
        assertThatThrownBy(() -> ConfigurationLoading.load(config))
                .hasMessageStartingWith("entralake.tenants[0].tenant-id (tenant 'contoso', job.properties line 3) must be");
    }

    @Test
    void syntaxErrorsComeOutAsConfigurationErrors() throws IOException {
        Path config = file("broken.yml", "entralake:\n  tenants:\n\t- name: contoso\n");
        assertThatThrownBy(() -> ConfigurationLoading.load(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("broken.yml line 3, column 1: a tab character");
    }
}
