package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.entralake.emulator.License;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * The job repository gone between runs (deleted, or restored from an old backup): the next run starts over
 * with a backfill, and because a window's file name derives from the window alone, what it reads again
 * replaces what the lake had — nothing twice, nothing lost.
 */
@Tag("fault-injection")
class RepositoryLossTest extends EmulatedCollectionTest {

    @Test
    void aDeletedJobRepositoryMeansABackfillThatReplacesInsteadOfDuplicating() throws Exception {
        TestTenant tenant = fixture.tenant("repository-deleted", License.PREMIUM, 60, 5);
        Path lake = dir.resolve("lake-repository-deleted");
        Path repository = dir.resolve("jobrepo-repository-deleted");
        Path config = fixture.config("repository-deleted.properties", List.of(tenant), Map.of(
                "entralake.lake-root", lake.toString(),
                "spring.datasource.url", "jdbc:h2:file:" + repository + ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
        assertThat(fixture.collect(config, NOW)).isZero();

        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("jobrepo-repository-deleted")).toList()) {
                Files.delete(file);
            }
        }
        Instant later = NOW.plus(Duration.ofHours(5));
        fixture.emulator.clock().set(later);
        assertThat(fixture.collect(config, later)).isZero();

        Instant end = Instant.parse("2026-11-20T15:00:00Z");
        try (LakeQueries queries = new LakeQueries(lake)) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, end));
            assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, end));
            assertThat(queries.idRows("users")).as("one snapshot of the day, replaced").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().allIds("users"));
        }
    }

    @Test
    void aDamagedJobRepositoryStopsTheRunWithWhatToDoAndMovingItAsideEndsExact() throws Exception {
        Case c = newCase("repository-damaged", 60, 5, Map.of());
        assertThat(fixture.collect(c.config(), NOW, "--data-type=signins")).isZero();
        Path file = dir.resolve("jobrepo-repository-damaged.mv.db");
        Files.writeString(file, "not an H2 file ".repeat(1000));

        var damaged = fixture.collectCapturing(c.config(), NOW, "--data-type=signins");
        assertThat(damaged.exitCode()).as(damaged.all()).isEqualTo(2);
        assertThat(damaged.all()).contains("is damaged").contains("move it aside").contains(file.toString());

        Files.move(file, dir.resolve("jobrepo-repository-damaged.mv.db.broken"));
        assertThat(fixture.collect(c.config(), NOW, "--data-type=signins")).isZero();
        try (LakeQueries queries = new LakeQueries(c.lake())) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(c.tenant().emulated().visibleIds("signins", START, END));
        }
    }

    /**
     * The job repository's server gone mid-run and still gone when the run ends: every layer of Spring Batch
     * that touches the repository fails (the chunk's commit, the step's update, the job's own update after
     * its step), and each of those layers would log its stack trace. The run says it once per data type, the
     * next run resumes exactly.
     */
    @Test
    void aJobRepositoryLostForTheRestOfTheRunIsOneMessagePerDataTypeAndNoStackTrace() throws Exception {
        TestTenant tenant = fixture.tenant("repository-server-lost", License.PREMIUM, 60, 5);
        Path lake = dir.resolve("lake-repository-server-lost");
        Path base = dir.resolve("h2-server");
        Files.createDirectories(base);
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", base.toString(), "-ifNotExists").start();
        int port = server.getPort();
        Path config = fixture.config("repository-server-lost.properties", List.of(tenant), CollectFixture.only(1, Map.of(
                "entralake.lake-root", lake.toString(),
                "spring.datasource.url", "jdbc:h2:tcp://localhost:" + port + "/jobrepo",
                // a refused connection is noticed at once; the pool's default 30 s wait would only slow the test
                "spring.datasource.hikari.connection-timeout", "1000",
                // the lost run's heartbeat row stays: the next run waits for it to go stale, a few seconds here
                "entralake.lock.check-interval", "PT1S", "entralake.lock.stale-after", "PT3S"),
                // one type of each collection mode, across budgets: each reports the loss once
                "signins", "directory_audits", "provisioning_logs", "users", "groups", "authorization_policy"));
        AtomicBoolean stopped = new AtomicBoolean();
        fixture.emulator.onPageServed((tenantId, path, page, records) -> {
            if (tenant.tenantId().equals(tenantId) && path.endsWith("/v1.0/auditLogs/signIns") && page == 3
                    && stopped.compareAndSet(false, true)) {
                server.stop();
            }
        });
        var lost = fixture.collectCapturing(config, NOW);
        assertThat(stopped).isTrue();
        assertThat(lost.exitCode()).as(lost.all()).isNotZero();
        assertThat(lost.all().lines().filter(l -> l.matches("\\s+at [\\w$.]+\\(.*\\)\\s*") || l.startsWith("Caused by:")))
                .as("no stack trace: %s", lost.all()).isEmpty();
        assertThat(lost.stdout()).contains("job repository");

        Server again = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", base.toString(), "-ifNotExists").start();
        try {
            assertThat(fixture.collect(config, NOW)).isZero();
        } finally {
            again.stop();
        }
        try (LakeQueries queries = new LakeQueries(lake)) {
            assertThat(queries.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            assertThat(queries.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
        }
    }
}
