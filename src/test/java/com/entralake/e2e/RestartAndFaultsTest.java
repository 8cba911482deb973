package com.entralake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.entralake.emulator.Faults;
import com.entralake.emulator.License;
import com.entralake.emulator.ServedRequest;
import com.entralake.testing.CollectFixture;
import com.entralake.testing.CollectFixture.Captured;
import com.entralake.testing.CollectFixture.TestTenant;
import com.entralake.testing.LakeQueries;

/**
 * Graph misbehaving mid-run: every fault ends, after retries or after the next run, with exactly the
 * ids Graph served — none lost, none twice.
 */
@Tag("fault-injection")
class RestartAndFaultsTest extends EmulatedCollectionTest {

    @Test
    void aRunFailedAtPageNIsResumedByTheNextRunWithoutRereadingCommittedWindows() throws Exception {
        TestTenant tenant = fixture.tenant("fail-at-page", License.PREMIUM, 300, 5);
        Path lakeDir = dir.resolve("lake-fail-at-page");
        Path config = fixture.config("fail-at-page.properties", List.of(tenant),
                CollectFixture.only(1, Map.of("entralake.lake-root", lakeDir.toString()), CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        fixture.emulator.faults().failFromPage(tenant.tenantId(), 6);

        Captured failed = fixture.collectCapturing(config, NOW);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout()).contains("signins").contains("failed").contains("HTTP 500");
        List<String> partial;
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            partial = lake.idRows("signins");
        }
        // the first query's windows at least (a day the failing query reads whole is visible once it is complete)
        assertThat(partial).as("windows committed before the failure are in the lake").hasSizeGreaterThan(1_000)
                .doesNotHaveDuplicates();
        assertThat(tenant.emulated().visibleIds("signins", START, END)).containsAll(partial).hasSizeGreaterThan(partial.size());

        fixture.emulator.faults().clearFailFromPage(tenant.tenantId());
        fixture.emulator.clearRequestLog();
        Captured resumed = fixture.collectCapturing(config, NOW);
        assertThat(resumed.exitCode()).isZero();

        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
        }
        // the failed run read its first query (the newest hours) to the end: those windows are proven whole and are
        // not read again; the query that failed midway is read again from its own end
        java.util.regex.Matcher resume = java.util.regex.Pattern.compile(
                "signins \\[fail-at-page\\]: resuming .*? — windows from (\\S+) on are already committed")
                .matcher(resumed.all());
        assertThat(resume.find()).as(resumed.all()).isTrue();
        java.time.Instant committedFrom = java.time.Instant.parse(resume.group(1));
        assertThat(committedFrom).isAfter(START).isBefore(END);
        String resumedQuery = firstSignInQuery(tenant);
        assertThat(resumedQuery).as("the resumed range stops where complete queries begin")
                .contains("createdDateTime le " + committedFrom)
                .doesNotContain("createdDateTime le " + END);
    }

    static List<Arguments> faults() {
        return List.of(
                Arguments.of("truncated-body", (BiConsumer<Faults, String>) (f, t) -> f.truncateNext(t, 2)),
                Arguments.of("connection-reset", (BiConsumer<Faults, String>) (f, t) -> f.resetNext(t, 3)),
                Arguments.of("5xx-burst", (BiConsumer<Faults, String>) (f, t) -> f.failNext(t, 3, 503)),
                Arguments.of("slow-response", (BiConsumer<Faults, String>) (f, t) -> f.slow(t, Duration.ofMillis(400))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void transientFaultsAreRetriedAndTheRunIsExact(String name, BiConsumer<Faults, String> fault) throws Exception {
        TestTenant tenant = fixture.tenant("fault-" + name, License.PREMIUM, 100, 5);
        Path lakeDir = dir.resolve("lake-" + name);
        Path config = fixture.config(name + ".properties", List.of(tenant), Map.of("entralake.lake-root", lakeDir.toString()));
        fault.accept(fixture.emulator.faults(), tenant.tenantId());

        // the audit logs only: the faults meet the tenant's next requests, and other budgets' lanes would race them
        Captured run = fixture.collectCapturing(config, NOW, "--data-type=signins", "--data-type=directory_audits");
        fixture.emulator.faults().clear(tenant.tenantId());

        assertThat(run.exitCode()).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
            assertThat(lake.idRows("directory_audits")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("directory_audits", START, END));
        }
        if (!name.equals("slow-response")) {
            assertThat(retriesIn(run.stdout())).as("the summary counts the retries").isPositive();
        }
    }

    @Test
    void aNextLinkLoopStopsTheRunClearlyAndTheNextRunIsExact() throws Exception {
        TestTenant tenant = fixture.tenant("loop", License.PREMIUM, 100, 5);
        Path lakeDir = dir.resolve("lake-loop");
        Path config = fixture.config("loop.properties", List.of(tenant),
                CollectFixture.only(1, Map.of("entralake.lake-root", lakeDir.toString()), CollectFixture.SIGN_INS_AUDITS_USERS_GROUPS));
        fixture.emulator.faults().nextLinkLoop(tenant.tenantId(), 3);

        Captured looped = fixture.collectCapturing(config, NOW);
        assertThat(looped.exitCode()).isEqualTo(1);
        assertThat(looped.stdout()).containsIgnoringCase("loop");
        long signInRequests = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith("/v1.0/auditLogs/signIns")).count();
        assertThat(signInRequests).as("stops instead of reading forever").isLessThan(10);

        fixture.emulator.faults().clear(tenant.tenantId());
        assertThat(fixture.collect(config, NOW)).isZero();
        try (LakeQueries lake = new LakeQueries(lakeDir)) {
            assertThat(lake.idRows("signins")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(tenant.emulated().visibleIds("signins", START, END));
        }
    }

    private static long retriesIn(String summary) {
        return summary.lines().filter(l -> l.contains("signins") || l.contains("directory_audits"))
                .map(l -> l.replaceAll(".*retries\\s+([0-9,]+).*", "$1").replace(",", ""))
                .filter(s -> s.matches("[0-9]+")).mapToLong(Long::parseLong).sum();
    }

    private static String firstSignInQuery(TestTenant tenant) {
        ServedRequest first = fixture.emulator.requestLog().stream()
                .filter(r -> tenant.tenantId().equals(r.tenantId()) && r.path().endsWith("/v1.0/auditLogs/signIns"))
                .findFirst().orElseThrow();
        return URLDecoder.decode(first.rawQuery(), StandardCharsets.UTF_8);
    }
}
