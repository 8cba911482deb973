package com.entralake.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.entralake.config.ConfigurationException;
import com.entralake.emulator.AppRegistration;
import com.entralake.emulator.ClientSecret;
import com.entralake.emulator.DemoTenant;
import com.entralake.emulator.EmulatorOptions;
import com.entralake.emulator.GraphEmulator;
import com.entralake.emulator.TenantSpec;

/**
 * The embedded default of {@code collect}: the built-in Graph emulator serving the demo tenant from
 * {@code sample-data/}, and a configuration pointing at it — trusted through the emulator's own trust
 * store, with the demo secret handed over in a file like a mounted Kubernetes secret.
 */
public final class DemoEnvironment implements AutoCloseable {

    private static final Path DEMO_DIR = Path.of("data", "demo");

    private final GraphEmulator emulator;
    private final List<String> springArguments;

    private DemoEnvironment(GraphEmulator emulator, List<String> springArguments) {
        this.emulator = emulator;
        this.springArguments = springArguments;
    }

    public static DemoEnvironment start(Path sampleData) {
        if (!Files.isRegularFile(sampleData.resolve("tenant.json"))) {
            throw new ConfigurationException("no --config given, and no demo tenant in " + sampleData.toAbsolutePath()
                    + ": run the demo from the project folder, or pass --config FILE (see jobs/example-production.yml)");
        }
        TenantSpec spec = DemoTenant.load(sampleData, 1L);
        AppRegistration app = spec.apps().get(0);
        ClientSecret secret = app.secrets().get(0);
        try {
            Files.createDirectories(DEMO_DIR);
            Path secretFile = DEMO_DIR.resolve("client-secret");
            Files.writeString(secretFile, secret.value(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
            GraphEmulator emulator = GraphEmulator.start(EmulatorOptions.demo(sampleData)
                    .withTrustStorePath(DEMO_DIR.resolve("emulator-truststore.p12").toAbsolutePath()));
            String tenant = "--entralake.tenants[0].";
            List<String> args = List.of(
                    "--entralake.demo=true",
                    "--entralake.http.trust-store=" + emulator.trustStore(),
                    "--entralake.http.trust-store-password=" + new String(emulator.trustStorePassword()),
                    tenant + "name=demo",
                    tenant + "tenant-id=" + spec.tenantId(),
                    tenant + "client-id=" + app.clientId(),
                    tenant + "secret-id=" + secret.keyId(),
                    tenant + "client-secret-file=" + secretFile.toAbsolutePath(),
                    tenant + "authority-host=" + emulator.authorityHost(),
                    tenant + "graph-base-url=" + emulator.graphBaseUrl(),
                    tenant + "scope=https://graph.microsoft.com/.default");
            return new DemoEnvironment(emulator, args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo in " + DEMO_DIR.toAbsolutePath(), e);
        }
    }

    public List<String> springArguments() {
        return springArguments;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
