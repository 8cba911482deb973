package com.entralake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.entralake.EntraLakeApplication;
import com.entralake.emulator.AppRegistration;
import com.entralake.emulator.ClientSecret;
import com.entralake.emulator.EmulatedTenant;
import com.entralake.emulator.EmulatorOptions;
import com.entralake.emulator.GraphEmulator;
import com.entralake.emulator.License;
import com.entralake.emulator.TenantSpec;
import com.entralake.emulator.TenantType;
import com.entralake.emulator.Templates;

/**
 * An emulator over HTTPS plus a job configuration pointing at it, for end-to-end tests that run the real
 * collect command (MSAL4J, the JDK HTTP client, Spring Batch on a real job repository, Parquet files).
 * Each tenant gets its own GUID, so tests sharing one emulator never see each other's data.
 */
public final class CollectFixture implements AutoCloseable {

    public static final Set<String> ALL_ROLES = Set.of("AuditLog.Read.All", "Directory.Read.All", "User.Read.All",
            "Group.Read.All");
    private static final Templates TEMPLATES = Templates.load(Path.of("sample-data"));

    public final GraphEmulator emulator;
    public final Path dir;

    private CollectFixture(GraphEmulator emulator, Path dir) {
        this.emulator = emulator;
        this.dir = dir;
    }

    public static CollectFixture start(Path dir) {
        return new CollectFixture(GraphEmulator.start(EmulatorOptions.defaults().withPort(0)
                .withTrustStorePath(dir.resolve("emulator-truststore.p12"))), dir);
    }

    /** A tenant with generated sign-ins and audits (deterministic, anchored on absolute time) and the demo directory. */
    public TestTenant tenant(String name, License license, double signInsPerHour, double auditsPerHour) {
        return tenant(name, license, signInsPerHour, auditsPerHour, ALL_ROLES, Instant.parse("2099-01-01T00:00:00Z"));
    }

    public TestTenant tenant(String name, License license, double signInsPerHour, double auditsPerHour,
            Set<String> roles, Instant secretExpires) {
        return tenant(name, license, signInsPerHour, auditsPerHour, TenantType.AAD, roles, secretExpires, app -> { });
    }

    /**
     * A tenant whose app registration the test shapes: its tenant type, granted roles, the secret's expiry,
     * and anything else through {@code app} (requested permissions, more secrets, certificates).
     */
    public TestTenant tenant(String name, License license, double signInsPerHour, double auditsPerHour,
            TenantType tenantType, Set<String> roles, Instant secretExpires,
            java.util.function.Consumer<AppRegistration.Builder> app) {
        String tenantId = stableId("tenant", name);
        String clientId = stableId("client", name);
        String secretId = stableId("secret", name);
        String secret = "s3cr3t~" + UUID.randomUUID() + "~VALUE";
        AppRegistration.Builder registration = AppRegistration.builder(clientId).displayName("Entra Lake test")
                .roles(roles).secret(new ClientSecret(secretId, secret, secretExpires));
        app.accept(registration);
        TenantSpec spec = TenantSpec.builder(tenantId).displayName(name).license(license).tenantType(tenantType)
                .users(TEMPLATES.users()).groups(TEMPLATES.groups())
                .generated(TEMPLATES, name.hashCode(), signInsPerHour, auditsPerHour)
                .app(registration.build())
                .build();
        return new TestTenant(name, tenantId, clientId, secretId, secret, emulator.addTenant(spec));
    }

    /**
     * A tenant whose app has {@code certificate} registered and no client secret, so only a certificate
     * signs in; give it its credential properties with {@link TestTenant#withCredential}.
     */
    public TestTenant tenantWithCertificate(String name, License license, double signInsPerHour, double auditsPerHour,
            java.security.cert.X509Certificate certificate) {
        String tenantId = stableId("tenant", name);
        String clientId = stableId("client", name);
        TenantSpec spec = TenantSpec.builder(tenantId).displayName(name).license(license)
                .users(TEMPLATES.users()).groups(TEMPLATES.groups())
                .generated(TEMPLATES, name.hashCode(), signInsPerHour, auditsPerHour)
                .app(new AppRegistration(clientId, "Entra Lake test (certificate)", ALL_ROLES, List.of(), certificate))
                .build();
        EmulatedTenant emulated = emulator.addTenant(spec);
        return new TestTenant(name, tenantId, clientId, null, null, emulated);
    }

    /** A GUID derived from the tenant's name: the same test tenant gets the same ids in every run. */
    private static String stableId(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Settings that switch off every catalogued data type but {@code datasets} for the first {@code tenants}
     * tenants of a configuration. A test about one behaviour of event or snapshot collection then does not wait
     * for the forty other types (and their 1 request/s budgets); configuration, unlike {@code --data-type}, also
     * keeps {@code status} to the same types.
     */
    public static final String[] SIGN_INS_AUDITS_USERS_GROUPS = {"signins", "directory_audits", "users", "groups"};

    public static Map<String, String> only(int tenants, String... datasets) {
        Set<String> kept = Set.of(datasets);
        for (String dataset : kept) {
            if (com.entralake.catalog.DataTypeCatalog.byDataset(dataset).isEmpty()) {
                throw new IllegalArgumentException("not a catalogued data type: " + dataset);
            }
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < tenants; i++) {
            for (com.entralake.catalog.DataType type : com.entralake.catalog.DataTypeCatalog.builtIn()) {
                if (!kept.contains(type.dataset())) {
                    p.put("entralake.tenants[" + i + "].data-types." + type.dataset(), "no");
                }
            }
        }
        return p;
    }

    /** {@code overrides} plus {@link #only}: the overrides win. */
    public static Map<String, String> only(int tenants, Map<String, String> overrides, String... datasets) {
        Map<String, String> p = only(tenants, datasets);
        p.putAll(overrides);
        return p;
    }

    /** Writes a job configuration for these tenants; {@code overrides} are extra properties (they win). */
    public Path config(String fileName, List<TestTenant> tenants, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("entralake.lake-root", dir.resolve("lake").toString());
        p.put("entralake.lock-dir", dir.resolve("locks").toString());
        p.put("entralake.collection.backfill", "P2D");
        p.put("entralake.collection.progress-interval", "PT5S");
        p.put("entralake.http.trust-store", emulator.trustStore().toString());
        p.put("entralake.http.trust-store-password", new String(emulator.trustStorePassword()));
        p.put("entralake.http.audit-log-requests-per10s", "1000");
        p.put("entralake.http.max-attempts", "4");
        p.put("entralake.http.retry-base", "PT0.02S");
        p.put("entralake.http.retry-cap", "PT0.2S");
        p.put("entralake.http.read-timeout", "PT10S");
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        for (int i = 0; i < tenants.size(); i++) {
            TestTenant t = tenants.get(i);
            String k = "entralake.tenants[" + i + "].";
            p.put(k + "name", t.name());
            p.put(k + "tenant-id", t.tenantId());
            p.put(k + "client-id", t.clientId());
            if (t.credential().isEmpty()) {
                if (t.secret() == null) {
                    throw new IllegalStateException("tenant " + t.name() + " has no secret: give it withCredential(...)");
                }
                p.put(k + "secret-id", t.secretId());
                p.put(k + "client-secret-file", writeSecretFile(t).toString());
            } else {
                t.credential().forEach((key, value) -> p.put(k + key, value));
            }
            p.put(k + "authority-host", emulator.authorityHost().toString());
            p.put(k + "graph-base-url", emulator.graphBaseUrl().toString());
            p.put(k + "scope", "https://graph.microsoft.com/.default");
        }
        p.putAll(overrides);
        StringBuilder text = new StringBuilder();
        p.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path config(TestTenant tenant) {
        return config("collect-" + tenant.name() + ".properties", List.of(tenant), Map.of());
    }

    private Path writeSecretFile(TestTenant t) {
        try {
            Path file = dir.resolve("secret-" + t.name());
            Files.writeString(file, t.secret() + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code collect} in this JVM with the job clock at {@code now}; returns the exit status. */
    public int collect(Path config, Instant now, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("collect", "--config=" + config, "--now=" + now));
        args.addAll(List.of(extra));
        return EntraLakeApplication.run(args.toArray(String[]::new));
    }

    /** Runs {@code collect} in this JVM and captures what it prints (the run summary, configuration errors). */
    public Captured collectCapturing(Path config, Instant now, String... extra) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream outBytes = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(new TeeStream(outBytes, out), true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new TeeStream(errBytes, err), true, StandardCharsets.UTF_8));
        try {
            int exit = collect(config, now, extra);
            return new Captured(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    public record Captured(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + "\n" + stderr;
        }
    }

    /** Keeps the output visible in the test report while capturing it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }

    public Path lake() {
        return dir.resolve("lake");
    }

    @Override
    public void close() {
        emulator.close();
    }

    /**
     * @param credential tenant properties that sign in instead of the client secret (e.g.
     *                   {@code client-certificate-file}); empty = the secret, written to a file
     */
    public record TestTenant(String name, String tenantId, String clientId, String secretId, String secret,
            EmulatedTenant emulated, Map<String, String> credential) {

        public TestTenant {
            credential = Map.copyOf(credential);
        }

        public TestTenant(String name, String tenantId, String clientId, String secretId, String secret,
                EmulatedTenant emulated) {
            this(name, tenantId, clientId, secretId, secret, emulated, Map.of());
        }

        /** The same tenant signing in with these properties (relative to {@code entralake.tenants[i].}). */
        public TestTenant withCredential(Map<String, String> properties) {
            return new TestTenant(name, tenantId, clientId, secretId, secret, emulated, properties);
        }
    }
}
