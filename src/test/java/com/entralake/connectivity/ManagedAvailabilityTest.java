package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.window.DataGap;

class ManagedAvailabilityTest {

    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
    private static final DataType SIGN_INS = DataTypeCatalog.SIGN_INS;

    private ConnectivityStore store;
    private ManagedAvailability managed;
    private final List<Instant> probes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new ConnectivityStore(h2);
        store.ensureSchema();
        managed = new ManagedAvailability(store, Duration.ofHours(12));
    }

    private Function<DataType, ProbeResult> probeFinding(Availability availability, Instant at) {
        return type -> {
            probes.add(at);
            return new ProbeResult(type.dataset(), availability, "probed", at);
        };
    }

    @Test
    void neverProbedIsCollectedWithoutAnExtraRequest() {
        ProbeResult decision = managed.decide("t", SIGN_INS, probeFinding(Availability.NOT_LICENSED, NOW), NOW);
        assertThat(decision.availability().skipsManaged()).isFalse();
        assertThat(probes).isEmpty();
    }

    @Test
    void aFreshNotLicensedIsTrustedAndAStaleOneIsProbedAgainAndStored() {
        managed.record("t", new ProbeResult("signins", Availability.NOT_LICENSED, "needs P1", NOW));

        Instant within = NOW.plus(Duration.ofHours(11));
        assertThat(managed.decide("t", SIGN_INS, probeFinding(Availability.AVAILABLE, within), within).availability())
                .isEqualTo(Availability.NOT_LICENSED);
        assertThat(probes).isEmpty();

        Instant after = NOW.plus(Duration.ofHours(12));
        assertThat(managed.decide("t", SIGN_INS, probeFinding(Availability.AVAILABLE, after), after).availability())
                .isEqualTo(Availability.AVAILABLE);
        assertThat(probes).containsExactly(after);
        assertThat(store.probes("t").get("signins").availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void aStaleResultThatIsStillUnavailableStartsANewInterval() {
        managed.record("t", new ProbeResult("signins", Availability.MISSING_PERMISSION, "needs Directory.Read.All", NOW));
        Instant after = NOW.plus(Duration.ofDays(1));
        managed.decide("t", SIGN_INS, probeFinding(Availability.MISSING_PERMISSION, after), after);
        Instant soon = after.plus(Duration.ofHours(1));
        assertThat(managed.decide("t", SIGN_INS, probeFinding(Availability.AVAILABLE, soon), soon).availability())
                .isEqualTo(Availability.MISSING_PERMISSION);
        assertThat(probes).containsExactly(after);
        assertThat(managed.nextProbe(store.probes("t").get("signins"))).isEqualTo(after.plus(Duration.ofHours(12)));
    }

    @Test
    void availableAndInconclusiveResultsKeepCollectingWithoutProbing() {
        managed.record("t", new ProbeResult("signins", Availability.UNKNOWN, "503", NOW));
        assertThat(managed.decide("t", SIGN_INS, probeFinding(Availability.NOT_LICENSED, NOW), NOW.plus(Duration.ofDays(3)))
                .availability().skipsManaged()).isFalse();
        managed.record("t", new ProbeResult("signins", Availability.AVAILABLE, "collected", NOW));
        assertThat(managed.decide("t", SIGN_INS, probeFinding(Availability.NOT_LICENSED, NOW), NOW.plus(Duration.ofDays(3)))
                .availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(probes).isEmpty();
    }

    @Test
    void retentionIsTheTypesOwnForTheLicenceTheProbesFound() {
        var audits = com.entralake.catalog.DataTypeCatalog.DIRECTORY_AUDITS;
        assertThat(managed.retention("t", audits)).isEqualTo(Duration.ofDays(30));
        managed.record("t", new ProbeResult("signins", Availability.NOT_LICENSED, "needs P1", NOW));
        assertThat(managed.retention("t", audits)).isEqualTo(Duration.ofDays(7));
    }

    /**
     * A side write that meets a lost repository connection is not another warning: the data type that needs the
     * repository reports the loss once. Any other failure to store stays a warning.
     */
    @Test
    void aLostRepositoryIsLeftToTheDataTypeToReportAndAnyOtherFailureIsAWarning(
            @TempDir Path serverDir) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ManagedAvailability.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            JdbcDataSource missingTable = new JdbcDataSource();
            missingTable.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            new ManagedAvailability(new ConnectivityStore(missingTable), Duration.ofHours(12))
                    .record("t", new ProbeResult("signins", Availability.NOT_LICENSED, "needs P1", NOW));

            // a repository server that goes away, as PostgreSQL does when it restarts
            Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir",
                    serverDir.toString(), "-ifNotExists").start();
            JdbcDataSource remote = new JdbcDataSource();
            remote.setURL("jdbc:h2:tcp://localhost:" + server.getPort() + "/repository");
            ConnectivityStore lost = new ConnectivityStore(remote);
            lost.ensureSchema();
            server.stop();
            ManagedAvailability afterLoss = new ManagedAvailability(lost, Duration.ofHours(12));
            afterLoss.record("t", new ProbeResult("users", Availability.NOT_LICENSED, "needs P1", NOW));
            afterLoss.recordGap("t", "users", new DataGap(NOW.minus(Duration.ofDays(40)),
                    NOW.minus(Duration.ofDays(31)), Duration.ofDays(30)), NOW);
            assertThat(afterLoss.decide("t", SIGN_INS, probeFinding(Availability.AVAILABLE, NOW), NOW).availability())
                    .as("without its memory, collecting is the probe").isEqualTo(Availability.UNKNOWN);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).satisfiesExactly(
                first -> assertThat(first).startsWith("WARN signins: the availability found (not licensed) could not be stored: ")
                        .containsIgnoringCase("ENTRALAKE_DATA_TYPE_PROBE"),
                second -> assertThat(second).startsWith("INFO users: the availability found (not licensed) could not be stored:"
                        + " the job repository connection was lost (").contains("Connection refused"),
                third -> assertThat(third).startsWith("INFO users: the data gap could not be stored: the job repository"),
                fourth -> assertThat(fourth).startsWith("INFO signins: the stored availability cannot be read; collecting:"
                        + " the job repository connection was lost"));
    }
}
