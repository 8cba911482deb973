package com.entralake.process;

import static com.entralake.process.ProcessSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.JarProcess;

/**
 * Every class of configuration problem, as a scheduler meets it from the packaged jar: exit 2, one message
 * that names the file, the key and the line (where YAML knows it), no stack trace, nothing written to the
 * lake and no request to Graph. Each case is its own process with its own tenant, lake and job repository;
 * independent processes run at the same time.
 */
@Tag("fault-injection")
class ConfigurationErrorsIT {

    @TempDir
    static Path dir;
    static CollectFixture fixture;

    @BeforeAll
    static void start() {
        fixture = CollectFixture.start(dir);
        fixture.emulator.clock().set(NOW);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** A case: its tenant, its lake, and what ran. */
    record Case(String name, TestTenant tenant, Path lake, List<String> args) {
    }

    private static Path lake(String name) {
        return dir.resolve("lake-" + name);
    }

    /** A YAML job configuration for one tenant of the emulator; {@code entralake} and {@code top} are extra lines. */
    private static String yaml(String name, TestTenant t, String entralake, String top) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret-" + name), t.secret() + "\n");
        return """
                entralake:
                  lake-root: %s
                  lock-dir: %s
                  http:
                    trust-store: %s
                    trust-store-password: "%s"
                    max-attempts: 2
                %s  tenants:
                    - name: %s
                      tenant-id: %s
                      client-id: %s
                      secret-id: %s
                      client-secret-file: %s
                      authority-host: %s
                      graph-base-url: %s
                      scope: https://graph.microsoft.com/.default
                spring:
                  datasource:
                    url: jdbc:h2:file:%s;AUTO_SERVER=TRUE
                %s""".formatted(lake(name), dir.resolve("locks"), fixture.emulator.trustStore(),
                new String(fixture.emulator.trustStorePassword()), entralake, t.name(), t.tenantId(), t.clientId(),
                t.secretId(), secret, fixture.emulator.authorityHost(), fixture.emulator.graphBaseUrl(),
                dir.resolve("jobrepo-" + name), top);
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static JarProcess start(String name, List<String> args) throws IOException {
        return JarProcess.start(dir.resolve("run-" + name), Map.of(), ProcessSupport.JVM_OPTIONS, args.toArray(String[]::new));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, JarProcess.Result> run(Map<String, Case> cases) throws Exception {
        Map<String, JarProcess> started = new LinkedHashMap<>();
        for (Case c : cases.values()) {
            started.put(c.name(), start(c.name(), c.args()));
        }
        return ProcessSupport.awaitAll(started);
    }

    private static Case collect(String name, String yamlText) throws IOException {
        return collect(name, fixture.tenant(name, License.PREMIUM, 10, 1), yamlText);
    }

    private static Case collect(String name, TestTenant tenant, String yamlText) throws IOException {
        Path config = write(name + ".yml", yamlText);
        return new Case(name, tenant, lake(name), List.of("collect", "--config=" + config, "--now=" + NOW));
    }

    /** Exit 2, one message with every expected part, no stack trace, no lake files, no Graph request. */
    private static void assertNothingRan(Case c, JarProcess.Result r, String... expected) {
        assertThat(r.exitCode()).as(c.name() + ": " + r.all()).isEqualTo(2);
        for (String part : expected) {
            assertThat(r.all()).as(c.name()).contains(part);
        }
        assertThat(ProcessSupport.hasStackTrace(r.all())).as(c.name() + ": " + r.all()).isFalse();
        assertThat(ProcessSupport.filesUnder(c.lake())).as(c.name() + ": nothing in the lake").isEmpty();
        assertThat(fixture.emulator.requestLog()).as(c.name() + ": no Graph or token request")
                .noneMatch(request -> c.tenant().tenantId().equals(request.tenantId()));
    }

    @Test
    void yamlAndValueErrorsNameFileKeyAndLine() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        TestTenant t;
        t = fixture.tenant("malformed", License.PREMIUM, 10, 1);
        cases.put("malformed", collect("malformed", t, yaml("malformed", t, "  collection: {window: PT1H\n", "")));
        t = fixture.tenant("tab", License.PREMIUM, 10, 1);
        cases.put("tab", collect("tab", t, yaml("tab", t, "  collection:\n\tlag: PT5M\n", "")));
        t = fixture.tenant("duplicate-key", License.PREMIUM, 10, 1);
        cases.put("duplicate-key", collect("duplicate-key", t, yaml("duplicate-key", t, "  lake-root: /tmp/elsewhere\n", "")));
        t = fixture.tenant("unknown-key", License.PREMIUM, 10, 1);
        cases.put("unknown-key", collect("unknown-key", t, yaml("unknown-key", t, "  lake-rot: /data/lake\n", "")));
        t = fixture.tenant("negative-timeout", License.PREMIUM, 10, 1);
        cases.put("negative-timeout", collect("negative-timeout", t,
                yaml("negative-timeout", t, "  collection:\n    lag: PT5M\n", "").replace("max-attempts: 2", "read-timeout: -PT5S")));
        t = fixture.tenant("unset-placeholder", License.PREMIUM, 10, 1);
        cases.put("unset-placeholder", collect("unset-placeholder", t, yaml("unset-placeholder", t, "",
                "    password: ${ENTRALAKE_IT_UNSET_PASSWORD}\n")));
        t = fixture.tenant("same-name", License.PREMIUM, 10, 1);
        String twice = yaml("same-name", t, "", "");
        String second = twice.substring(twice.indexOf("    - name:"), twice.indexOf("spring:"))
                .replace("tenant-id: " + t.tenantId(), "tenant-id: 6b1a0c2e-4d3f-4e5a-9b8c-7d6e5f4a3b2c")
                .replace("- name: same-name", "- name: Same-Name");
        cases.put("same-name", collect("same-name", t, twice.replace("spring:", second + "spring:")));
        Map<String, JarProcess.Result> r = run(cases);

        assertNothingRan(cases.get("malformed"), r.get("malformed"), "Configuration error: malformed.yml line ");
        assertNothingRan(cases.get("tab"), r.get("tab"), "Configuration error: tab.yml line 9, column 1: a tab character");
        assertNothingRan(cases.get("duplicate-key"), r.get("duplicate-key"),
                "duplicate-key.yml line 8, column 3: the key 'lake-root' appears twice");
        assertNothingRan(cases.get("unknown-key"), r.get("unknown-key"),
                "entralake.lake-rot (unknown-key.yml line 8) is not a known setting; did you mean entralake.lake-root?");
        assertNothingRan(cases.get("negative-timeout"), r.get("negative-timeout"),
                "entralake.http.read-timeout (negative-timeout.yml line 7) must be positive");
        assertNothingRan(cases.get("unset-placeholder"), r.get("unset-placeholder"),
                "spring.datasource.password (unset-placeholder.yml line 20) uses ${ENTRALAKE_IT_UNSET_PASSWORD},"
                        + " which is not set");
        assertNothingRan(cases.get("same-name"), r.get("same-name"),
                "entralake.tenants[1].name (tenant 'Same-Name', same-name.yml line 17) 'Same-Name' is already the name of"
                        + " entralake.tenants[0]");
    }

    @Test
    void theLakeAndTheJobRepositoryAreCheckedBeforeGraphIsAsked() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        TestTenant t;
        t = fixture.tenant("lake-is-file", License.PREMIUM, 10, 1);
        Path lakeFile = Files.writeString(dir.resolve("lake-is-file.txt"), "not a folder\n");
        cases.put("lake-is-file", new Case("lake-is-file", t, lake("lake-is-file"), collect("lake-is-file", t,
                yaml("lake-is-file", t, "", "").replace("lake-root: " + lake("lake-is-file"), "lake-root: " + lakeFile)).args()));
        t = fixture.tenant("lake-no-parent", License.PREMIUM, 10, 1);
        Path noParent = dir.resolve("no-such-folder").resolve("lake");
        cases.put("lake-no-parent", collect("lake-no-parent", t,
                yaml("lake-no-parent", t, "", "").replace("lake-root: " + lake("lake-no-parent"), "lake-root: " + noParent)));
        t = fixture.tenant("refused", License.PREMIUM, 10, 1);
        String refusedUrl = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/entralake";
        cases.put("refused", collect("refused", t, yaml("refused", t, "", "    username: entralake\n    password: hunter2-secret\n")
                .replace("jdbc:h2:file:" + dir.resolve("jobrepo-refused") + ";AUTO_SERVER=TRUE", refusedUrl)));
        t = fixture.tenant("wrong-host", License.PREMIUM, 10, 1);
        cases.put("wrong-host", collect("wrong-host", t, yaml("wrong-host", t, "", "")
                .replace("jdbc:h2:file:" + dir.resolve("jobrepo-wrong-host") + ";AUTO_SERVER=TRUE",
                        "jdbc:postgresql://entralake-db.invalid:5432/entralake?password=hunter2-secret")));
        t = fixture.tenant("damaged-h2", License.PREMIUM, 10, 1);
        Files.writeString(dir.resolve("jobrepo-damaged-h2.mv.db"), "garbage ".repeat(500));
        Case damaged = collect("damaged-h2", t, yaml("damaged-h2", t, "", ""));
        cases.put("damaged-h2", damaged);
        cases.put("status-refused", new Case("status-refused", cases.get("refused").tenant(), lake("refused"),
                List.of("status", cases.get("refused").args().get(1))));
        // a damaged file of its own: two processes opening one H2 file at once see its lock, not its damage
        t = fixture.tenant("status-damaged", License.PREMIUM, 10, 1);
        Files.writeString(dir.resolve("jobrepo-status-damaged.mv.db"), "garbage ".repeat(500));
        Case statusDamaged = collect("status-damaged", t, yaml("status-damaged", t, "", ""));
        cases.put("status-damaged", new Case("status-damaged", t, lake("status-damaged"),
                List.of("status", statusDamaged.args().get(1))));
        t = fixture.tenant("bad-now", License.PREMIUM, 10, 1);
        cases.put("bad-now", new Case("bad-now", t, lake("bad-now"), List.of("collect",
                collect("bad-now", t, yaml("bad-now", t, "", "")).args().get(1), "--now=2026-11-27 03:00")));
        Map<String, JarProcess.Result> r = run(cases);

        assertNothingRan(cases.get("lake-is-file"), r.get("lake-is-file"),
                "entralake.lake-root (lake-is-file.yml line 2): the lake " + lakeFile + " is a file, not a folder",
                "Nothing was collected.");
        assertThat(lakeFile).hasContent("not a folder");
        assertNothingRan(cases.get("lake-no-parent"), r.get("lake-no-parent"),
                "the lake " + noParent + " does not exist, and neither does " + noParent.getParent());
        assertThat(noParent.getParent()).doesNotExist();
        assertNothingRan(cases.get("refused"), r.get("refused"), "The job repository at " + refusedUrl
                + " cannot be reached: connection refused (is PostgreSQL running there, and is spring.datasource.url"
                + " right?). Nothing was collected.");
        assertNothingRan(cases.get("wrong-host"), r.get("wrong-host"), "The job repository at"
                + " jdbc:postgresql://entralake-db.invalid:5432/entralake?password=*** cannot be reached: the host"
                + " entralake-db.invalid is not known");
        assertNothingRan(cases.get("damaged-h2"), r.get("damaged-h2"), "is damaged: H2 cannot read "
                + dir.resolve("jobrepo-damaged-h2.mv.db"), "Restore that file from a backup, or move it aside");
        assertNothingRan(cases.get("status-refused"), r.get("status-refused"), "cannot be reached: connection refused",
                "status reads the job repository only");
        assertNothingRan(cases.get("status-damaged"), r.get("status-damaged"), "is damaged: H2 cannot read");
        assertNothingRan(cases.get("bad-now"), r.get("bad-now"), "--now", "'2026-11-27 03:00' is not a time: expected"
                + " an ISO-8601 UTC time such as 2026-11-27T03:00:00Z");
        r.values().forEach(result -> assertThat(result.all()).doesNotContain("hunter2-secret"));
    }
}
