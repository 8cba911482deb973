package com.entralake.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.entralake.config.ConfigurationException;
import com.entralake.emulator.AppRegistration;
import com.entralake.emulator.ClientSecret;
import com.entralake.emulator.DemoTenant;
import com.entralake.emulator.EmulatorOptions;
import com.entralake.emulator.GraphEmulator;
import com.entralake.emulator.TenantSpec;
import com.entralake.emulator.Templates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emulator",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the built-in Graph and Entra token emulator over HTTPS.",
                "Serves the demo tenant from sample-data/ (or generated volume) until",
                "stopped and writes a collect configuration that points at it, with a lake,",
                "job repository and lock folder of its own under --work-dir (never the",
                "demo's ./lake and ./data). For trying Entra Lake out and for benchmarks;",
                "never needed in production."},
        footer = {"", ExitStatusHelp.EMULATOR})
public class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTPS port (default ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "8443")
    int port;

    @Option(names = "--sample-data", paramLabel = "DIR", defaultValue = "sample-data",
            description = "Demo tenant folder (default ${DEFAULT-VALUE}).")
    Path sampleData;

    @Option(names = "--signins-per-hour", paramLabel = "RATE",
            description = "Generate sign-ins at this rate instead of the demo tenant's (e.g. 1389 for 1 M over 30 days).")
    Double signInsPerHour;

    @Option(names = "--audits-per-hour", paramLabel = "RATE", description = "Generate directory audits at this rate.")
    Double auditsPerHour;

    @Option(names = "--tenants", paramLabel = "N", defaultValue = "1",
            description = "Emulate N tenants of the generated volume (each its own records, budget and throttle; default ${DEFAULT-VALUE}).")
    int tenants = 1;

    @Option(names = "--throttle", description = "Enforce Graph's audit-log limit (5 requests / 10 s) with 429s.")
    boolean throttle;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "data/emulator",
            description = "Where to write the trust store, the demo secret file and collect.yml (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--record-pages", paramLabel = "DIR",
            description = "Also write every event page served to DIR (benchmarks: the same pages for another reader).")
    Path recordPages;

    @Option(names = "--request-log", paramLabel = "FILE",
            description = "On exit, write every request served to FILE (tab-separated: received, status, Retry-After, path, tenant).")
    Path requestLog;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "Lake root written into the generated collect.yml (default: lake under --work-dir).")
    String lake;

    @Override
    public Integer call() throws IOException, InterruptedException {
        GraphEmulator emulator = start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            writeRequestLog(emulator);
            emulator.close();
        }));
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts the emulator and writes its collect.yml; the caller stops it. */
    GraphEmulator start() throws IOException {
        if (!Files.isRegularFile(sampleData.resolve("tenant.json"))) {
            throw new ConfigurationException("no demo tenant in " + sampleData.toAbsolutePath());
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigurationException("--port " + port + " is not a port: give 1-65535, or 0 for any free port");
        }
        if ((signInsPerHour != null && signInsPerHour < 0) || (auditsPerHour != null && auditsPerHour < 0)) {
            throw new ConfigurationException("--signins-per-hour and --audits-per-hour must be zero or more");
        }
        if (tenants < 1 || tenants > 1000) {
            throw new ConfigurationException("--tenants must be 1-1000, got " + tenants);
        }
        if (tenants > 1 && signInsPerHour == null && auditsPerHour == null) {
            throw new ConfigurationException("--tenants needs --signins-per-hour or --audits-per-hour: the demo tenant is one tenant");
        }
        TenantSpec demo = DemoTenant.load(sampleData, 1L);
        List<TenantSpec> specs = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            specs.add(signInsPerHour == null && auditsPerHour == null ? demo : generated(demo, i));
        }
        Files.createDirectories(workDir);
        GraphEmulator emulator;
        try {
            emulator = GraphEmulator.start(EmulatorOptions.defaults().withPort(port)
                    .withTrustStorePath(workDir.resolve("emulator-truststore.p12").toAbsolutePath()));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new ConfigurationException("port " + port + " is in use: pass --port with a free port (0 = any)");
            }
            throw e;
        }
        for (TenantSpec spec : specs) {
            emulator.addTenant(spec);
            emulator.faults().throttleAuditLogs(spec.tenantId(), throttle);
        }
        if (recordPages != null) {
            Files.createDirectories(recordPages);
            emulator.recordEventPages(recordPages);
        }
        Path config = writeCollectConfig(emulator, specs);
        System.out.println("Graph emulator running: authority host " + emulator.authorityHost() + ", Graph "
                + emulator.graphBaseUrl() + "/v1.0, tenant " + specs.get(0).tenantId()
                + (specs.size() > 1 ? " and " + (specs.size() - 1) + " more" : ""));
        System.out.println("Collect from it with: java -Xmx256m -jar target/entra-lake.jar collect --config " + config);
        System.out.flush();
        return emulator;
    }

    private void writeRequestLog(GraphEmulator emulator) {
        if (requestLog == null) {
            return;
        }
        StringBuilder out = new StringBuilder("received\tstatus\tretry_after\tpath\ttenant\n");
        for (var r : emulator.requestLog()) {
            out.append(r.received()).append('\t').append(r.status()).append('\t')
                    .append(r.retryAfter() == null ? "" : r.retryAfter()).append('\t').append(r.path()).append('\t')
                    .append(r.tenantId() == null ? "" : r.tenantId()).append('\n');
        }
        try {
            Files.writeString(requestLog, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write the request log " + requestLog + ": " + e.getMessage());
        }
    }

    /**
     * Tenant {@code index} of generated volume: the first is the demo tenant's id, the others ids of their own;
     * each with its own seed, so their records differ, and the demo's app registration (a multi-tenant app).
     */
    private TenantSpec generated(TenantSpec demo, int index) throws IOException {
        String tenantId = index == 0 ? demo.tenantId()
                : UUID.nameUUIDFromBytes(("entra-lake emulated tenant " + index).getBytes(StandardCharsets.UTF_8)).toString();
        TenantSpec.Builder builder = TenantSpec.builder(tenantId)
                .displayName(index == 0 ? demo.displayName() : demo.displayName() + " " + (index + 1))
                .license(demo.license())
                .generated(Templates.load(sampleData), 42L + index, signInsPerHour == null ? 0 : signInsPerHour,
                        auditsPerHour == null ? 0 : auditsPerHour);
        demo.apps().forEach(builder::app);
        demo.listings().forEach(builder::objects);
        return builder.build();
    }

    /** Its own lake: collecting the emulator must never rewrite the demo's ./lake (same tenant, other history). */
    private Path lakeRoot() {
        return (lake == null ? workDir.resolve("lake") : Path.of(lake)).toAbsolutePath();
    }

    private Path writeCollectConfig(GraphEmulator emulator, List<TenantSpec> specs) throws IOException {
        AppRegistration app = specs.get(0).apps().get(0);
        ClientSecret secret = app.secrets().get(0);
        Path secretFile = workDir.resolve("client-secret").toAbsolutePath();
        Files.writeString(secretFile, secret.value(), StandardCharsets.UTF_8);
        StringBuilder tenantEntries = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            tenantEntries.append("""
                        - name: %s
                          tenant-id: %s
                          client-id: %s
                          secret-id: %s
                          client-secret-file: %s
                          authority-host: %s
                          graph-base-url: %s
                          scope: https://graph.microsoft.com/.default
                    """.formatted(i == 0 ? "emulated" : "emulated-" + (i + 1), specs.get(i).tenantId(), app.clientId(),
                    secret.keyId(), secretFile, emulator.authorityHost(), emulator.graphBaseUrl()));
        }
        Path config = workDir.resolve("collect.yml").toAbsolutePath();
        Files.writeString(config, """
                # written by `entra-lake emulator`: collects the emulated tenant(s), all at once
                entralake:
                  lake-root: %s
                  lock-dir: %s
                  collection:
                    tenant-parallelism: %d
                  http:
                    trust-store: %s
                    trust-store-password: "%s"
                    audit-log-requests-per10s: %d
                  tenants:
                %s
                spring:
                  datasource:
                    url: jdbc:h2:file:%s;AUTO_SERVER=TRUE;WRITE_DELAY=0
                """.formatted(lakeRoot(), workDir.resolve("locks").toAbsolutePath(), Math.max(2, specs.size()),
                emulator.trustStore(), new String(emulator.trustStorePassword()), throttle ? 5 : 1000,
                tenantEntries, workDir.resolve("jobrepo").toAbsolutePath()), StandardCharsets.UTF_8);
        return config;
    }
}
