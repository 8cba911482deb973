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
            List<String> args = new java.util.ArrayList<>(List.of(
                    "--entralake.http.trust-store=" + emulator.trustStore(),
                    "--entralake.http.trust-store-password=" + new String(emulator.trustStorePassword())));
            args.addAll(tenantArguments(spec, secretFile, emulator.authorityHost().toString(),
                    emulator.graphBaseUrl().toString()));
            return new DemoEnvironment(emulator, args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo in " + DEMO_DIR.toAbsolutePath(), e);
        }
    }

    /**
     * The demo's configuration without its emulator, for commands that only read the job repository
     * ({@code status}): same tenant, same database, nothing to connect to.
     */
    public static DemoEnvironment offline(Path sampleData) {
        if (!Files.isRegularFile(sampleData.resolve("tenant.json"))) {
            throw new ConfigurationException("no --config given, and no demo tenant in " + sampleData.toAbsolutePath()
                    + ": run from the project folder, or pass --config FILE");
        }
        TenantSpec spec = DemoTenant.load(sampleData, 1L);
        return new DemoEnvironment(null, tenantArguments(spec, DEMO_DIR.resolve("client-secret").toAbsolutePath(),
                "https://localhost", "https://localhost"));
    }

    private static List<String> tenantArguments(TenantSpec spec, Path secretFile, String authorityHost, String graphBaseUrl) {
        AppRegistration app = spec.apps().get(0);
        ClientSecret secret = app.secrets().get(0);
        String tenant = "--entralake.tenants[0].";
        return List.of(
                "--entralake.demo=true",
                tenant + "name=demo",
                tenant + "tenant-id=" + spec.tenantId(),
                tenant + "client-id=" + app.clientId(),
                tenant + "secret-id=" + secret.keyId(),
                tenant + "client-secret-file=" + secretFile,
                tenant + "authority-host=" + authorityHost,
                tenant + "graph-base-url=" + graphBaseUrl,
                tenant + "scope=https://graph.microsoft.com/.default");
    }

    public List<String> springArguments() {
        return springArguments;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
