package com.entralake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

import com.entralake.config.EntraLakeProperties;
import com.entralake.emulator.GraphEmulator;
import com.entralake.testing.ConfigurationLoading;

class EmulatorCommandTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedCollectConfigurationKeepsEverythingUnderTheWorkDirAndValidates() throws IOException {
        GraphEmulator emulator = command("emulator").start();
        try {
            ConfigurableEnvironment environment = ConfigurationLoading.load(dir.resolve("emulator/collect.yml"));
            EntraLakeProperties properties = Binder.get(environment).bind("entralake", EntraLakeProperties.class).get();
            Path workDir = dir.resolve("emulator").toAbsolutePath();
            // never the demo's ./lake and ./data: the same tenant with another job repository would re-backfill
            // and overwrite the demo's files
            assertThat(Path.of(properties.getLakeRoot())).isEqualTo(workDir.resolve("lake"));
            assertThat(properties.getLockDir()).isEqualTo(workDir.resolve("locks"));
            assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:" + workDir.resolve("jobrepo"));
        } finally {
            emulator.close();
        }
    }

    /** The benchmark's many tenants: each its own id in the emulator and in collect.yml, all collected at once. */
    @Test
    void manyTenantsAreEmulatedAndCollectedAtOnce() throws IOException {
        EmulatorCommand command = command("many");
        command.tenants = 3;
        command.signInsPerHour = 10.0;
        GraphEmulator emulator = command.start();
        try {
            ConfigurableEnvironment environment = ConfigurationLoading.load(dir.resolve("many/collect.yml"));
            EntraLakeProperties properties = Binder.get(environment).bind("entralake", EntraLakeProperties.class).get();
            assertThat(properties.getTenants()).extracting(EntraLakeProperties.Tenant::getName)
                    .containsExactly("emulated", "emulated-2", "emulated-3");
            assertThat(properties.getTenants()).extracting(EntraLakeProperties.Tenant::getTenantId).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(emulator.tenant(id)).isNotNull());
            assertThat(properties.getCollection().getTenantParallelism()).isEqualTo(3);
        } finally {
            emulator.close();
        }
    }

    /** The command as picocli would set it up for {@code --port 0 --work-dir <dir>/<workDir>}. */
    private EmulatorCommand command(String workDir) {
        EmulatorCommand command = new EmulatorCommand();
        command.port = 0;
        command.sampleData = Path.of("sample-data");
        command.workDir = dir.resolve(workDir);
        return command;
    }
}
