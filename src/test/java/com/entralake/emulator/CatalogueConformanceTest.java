package com.entralake.emulator;

import static com.entralake.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.entralake.catalog.CollectionMode;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.catalog.FilterOperator;
import com.entralake.catalog.PermissionNeed;
import com.entralake.graph.GraphQuery;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds every catalogue entry against what Microsoft documents for its endpoint ({@code graph-data-types/facts.tsv}),
 * and the emulator's answers against both: the page size limit, the filter operators, the permission and the licence
 * answers. A catalogue entry and an emulator that agreed on a wrong fact would otherwise prove each other right.
 */
class CatalogueConformanceTest {

    static GraphEmulator emu;
    static HttpClient http;
    static final Map<String, Map<String, String>> FACTS = facts();
    static final String UNLICENSED = "6d1f3b2a-8c4e-4f1a-9b2d-5e7c0a9f3b10";

    @BeforeAll
    static void start() {
        emu = startWithTestTenant();
        emu.addTenant(TenantSpec.builder(UNLICENSED).displayName("Fabrikam Free").license(License.FREE)
                .app(new AppRegistration(CLIENT, "Entra Lake test", ALL_ROLES, List.of(), null)).build());
        emu.faults().setProducts(UNLICENSED, Set.of()); // neither Intune nor Workload ID Premium
        http = client(emu);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Map<String, Map<String, String>> facts() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (InputStream in = CatalogueConformanceTest.class.getResourceAsStream("/graph-data-types/facts.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().toList();
            String[] header = lines.get(0).split("\t");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.put(row.get("dataset"), row);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read graph-data-types/facts.tsv", e);
        }
        return rows;
    }

    @Test
    void everyEntryStatesWhatMicrosoftDocumentsForItsEndpoint() {
        for (DataType type : DataTypeCatalog.all()) {
            Map<String, String> fact = FACTS.get(type.dataset());
            assertThat(fact).as("%s: a row in facts.tsv", type.dataset()).isNotNull();
            assertThat(type.version().segment()).as(type.dataset()).isEqualTo(fact.get("version"));
            assertThat(type.path()).as(type.dataset()).isEqualTo(fact.get("path"));
            assertThat(type.resourceType()).as(type.dataset()).isEqualTo(fact.get("resource"));
            assertThat(type.pageSize()).as("%s: page size is the documented maximum (0: no $top documented)",
                    type.dataset()).isEqualTo(fact.get("max_page").equals("-") ? 0 : Integer.parseInt(fact.get("max_page")));
            assertThat(type.leastPrivilegedPermissions()).as(type.dataset())
                    .containsExactly(fact.get("permissions").split(","));
            assertThat(type.throttle().name().toLowerCase(Locale.ROOT)).as(type.dataset()).isEqualTo(fact.get("throttle"));
            if (fact.get("kind").equals("events")) {
                CollectionMode.TimeWindows windows = type.timeWindows().orElseThrow();
                assertThat(windows.timeProperty()).as(type.dataset()).isEqualTo(fact.get("time_property"));
                assertThat(windows.operators()).as(type.dataset()).isEqualTo(operators(fact.get("operators")));
            } else {
                assertThat(type.mode()).as(type.dataset()).isInstanceOf(fact.get("kind").equals("single")
                        ? CollectionMode.SingleObject.class : CollectionMode.Listing.class);
            }
            if (fact.get("licence_status").equals("-")) {
                assertThat(type.licence().isNeeded()).as(type.dataset()).isFalse();
            } else {
                assertThat(type.licence().refusal(Integer.parseInt(fact.get("licence_status")), fact.get("licence_code"),
                        fact.get("licence_phrase").equals("-") ? "" : "… " + fact.get("licence_phrase") + ". …"))
                        .as("%s: the catalogue reads Graph's licence answer", type.dataset()).isPresent();
            }
        }
    }

    @Test
    void theEmulatorServesEveryTypeUpToItsDocumentedPageSizeAndNotBeyond() throws Exception {
        String token = allPermissions(TENANT);
        for (DataType type : DataTypeCatalog.all()) {
            String documented = FACTS.get(type.dataset()).get("max_page");
            if (documented.equals("-")) {
                assertThat(get(http, emu, token, firstPage(type, 0)).statusCode()).as(type.dataset()).isEqualTo(200);
                assertThat(get(http, emu, token, firstPage(type, 1)).statusCode()).as("%s: no $top", type.dataset())
                        .isEqualTo(400);
                continue;
            }
            int max = Integer.parseInt(documented);
            assertThat(get(http, emu, token, firstPage(type, max)).statusCode()).as(type.dataset()).isEqualTo(200);
            HttpResponse<String> tooMany = get(http, emu, token, firstPage(type, max + 1));
            assertThat(tooMany.statusCode()).as("%s: $top=%d", type.dataset(), max + 1).isEqualTo(400);
        }
    }

    @Test
    void theEmulatorAcceptsTheDocumentedOperatorsOnlyAndTheCatalogueAsksWithThem() throws Exception {
        String token = allPermissions(TENANT);
        for (DataType type : DataTypeCatalog.all()) {
            if (type.timeWindows().isEmpty()) {
                continue;
            }
            Set<FilterOperator> documented = operators(FACTS.get(type.dataset()).get("operators"));
            String time = type.timeWindows().get().timeProperty();
            for (FilterOperator operator : FilterOperator.values()) {
                String filter = (type.fixedFilter() == null ? "" : type.fixedFilter() + " and ")
                        + time + " " + operator.word() + " 2026-01-01T00:00:00Z";
                int status = get(http, emu, token, type.graphPath() + "?$filter=" + q(filter)).statusCode();
                assertThat(status).as("%s: %s", type.dataset(), filter).isEqualTo(documented.contains(operator) ? 200 : 400);
            }
            URI asked = GraphQuery.eventsPage(emu.graphBaseUrl(), type, Instant.now().minus(Duration.ofHours(2)),
                    Instant.now().minus(Duration.ofHours(1)));
            assertThat(get(http, emu, token, asked.toString()).statusCode()).as("%s: %s", type.dataset(), asked).isEqualTo(200);
        }
    }

    @Test
    void withoutEachLeastPrivilegedPermissionTheEmulatorRefusesAndWithABroaderOneItServes() throws Exception {
        for (DataType type : DataTypeCatalog.all()) {
            for (PermissionNeed need : type.permissions()) {
                Set<String> roles = new HashSet<>(type.leastPrivilegedPermissions());
                roles.remove(need.leastPrivileged());
                String token = emu.issueAccessToken(TENANT, CLIENT, roles, Instant.now(), Duration.ofHours(1));
                HttpResponse<String> refused = get(http, emu, token, firstPage(type, Math.min(1, type.pageSize())));
                assertThat(refused.statusCode()).as("%s without %s", type.dataset(), need.leastPrivileged()).isEqualTo(403);
                for (String broader : need.alsoAccepted()) {
                    roles.add(broader);
                    token = emu.issueAccessToken(TENANT, CLIENT, roles, Instant.now(), Duration.ofHours(1));
                    assertThat(get(http, emu, token, firstPage(type, Math.min(1, type.pageSize()))).statusCode())
                            .as("%s with %s instead of %s", type.dataset(), broader, need.leastPrivileged()).isEqualTo(200);
                    roles.remove(broader);
                }
            }
        }
    }

    @Test
    void aTenantWithoutTheLicenceGetsTheAnswerTheCatalogueRecognises() throws Exception {
        String token = allPermissions(UNLICENSED);
        for (DataType type : DataTypeCatalog.all()) {
            HttpResponse<String> r = get(http, emu, token, firstPage(type, Math.min(1, type.pageSize())));
            Map<String, String> fact = FACTS.get(type.dataset());
            if (fact.get("licence_status").equals("-")) {
                assertThat(r.statusCode()).as("%s needs no licence", type.dataset()).isEqualTo(200);
                continue;
            }
            JsonNode error = json(r).path("error");
            assertThat(r.statusCode()).as(type.dataset()).isEqualTo(Integer.parseInt(fact.get("licence_status")));
            assertThat(error.path("code").asText()).as(type.dataset()).isEqualTo(fact.get("licence_code"));
            assertThat(type.licence().refusal(r.statusCode(), error.path("code").asText(), error.path("message").asText()))
                    .as(type.dataset()).isPresent();
        }
    }

    /** A token carrying every least-privileged permission of the catalogue. */
    private static String allPermissions(String tenantId) {
        Set<String> roles = new HashSet<>();
        DataTypeCatalog.all().forEach(t -> roles.addAll(t.leastPrivilegedPermissions()));
        return emu.issueAccessToken(tenantId, CLIENT, roles, Instant.now(), Duration.ofHours(1));
    }

    /** {@code top} 0: without {@code $top}. */
    private static String firstPage(DataType type, int top) {
        String query = (top > 0 ? "&$top=" + top : "")
                + (type.fixedFilter() == null ? "" : "&$filter=" + q(type.fixedFilter()));
        return type.graphPath() + (query.isEmpty() ? "" : "?" + query.substring(1));
    }

    private static Set<FilterOperator> operators(String words) {
        return Arrays.stream(words.split(",")).map(w -> FilterOperator.valueOf(w.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FilterOperator.class)));
    }
}
