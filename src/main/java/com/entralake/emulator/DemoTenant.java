package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Loads the demo tenant described by sample-data/tenant.json (see sample-data/README.md). */
public final class DemoTenant {
    private DemoTenant() {
    }

    public static TenantSpec load(Path sampleData, long defaultSeed) {
        try {
            JsonNode t = Templates.JSON.readTree(Files.readAllBytes(sampleData.resolve("tenant.json")));
            Templates templates = Templates.load(sampleData);
            long seed = t.has("seed") ? t.get("seed").asLong() : defaultSeed;
            TenantSpec.Builder b = TenantSpec.builder(t.get("tenantId").asText())
                    .displayName(t.get("displayName").asText())
                    .license(License.valueOf(t.path("license").asText("PREMIUM")))
                    .generated(templates, seed, t.path("signInsPerHour").asDouble(60), t.path("directoryAuditsPerHour").asDouble(6));
            sampleRecords(sampleData, t, seed, b);
            if (t.has("tenantType")) {
                b.tenantType(TenantType.fromWire(t.get("tenantType").asText()));
            }
            for (JsonNode a : t.get("apps")) {
                b.app(app(a));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load demo tenant from " + sampleData, e);
        }
    }

    /**
     * Every other catalogued type from its own file, {@code <dataset>.json} ({@code {"value": [...]}}, Microsoft's
     * example records): a listing serves the objects as they are; an event type makes records from them at the
     * rate {@code eventsPerHour.<dataset>} of tenant.json asks for. Sign-ins and audits have generators of their own.
     */
    private static void sampleRecords(Path sampleData, JsonNode tenant, long seed, TenantSpec.Builder b) throws IOException {
        for (DataType type : DataTypeCatalog.all()) {
            Path file = sampleData.resolve(type.dataset() + ".json");
            if (!Files.exists(file) || GENERATED.contains(type)) {
                continue;
            }
            List<ObjectNode> records = Templates.values(file);
            if (type.timeWindows().isEmpty()) {
                b.objects(type.dataset(), records);
                continue;
            }
            double perHour = tenant.path("eventsPerHour").path(type.dataset()).asDouble(0);
            if (perHour > 0) {
                b.eventSource(type.dataset(), GeneratedEventSource.perHour(seed + type.dataset().hashCode(), perHour,
                        new ExampleEvents(records, type.timeWindows().get().timeProperty())));
            }
        }
    }

    /** Made by the templates' own generators (signInsPerHour, directoryAuditsPerHour). */
    private static final Set<DataType> GENERATED = Set.of(DataTypeCatalog.SIGN_INS, DataTypeCatalog.DIRECTORY_AUDITS);

    /** One entry of "apps"; without "requiredResourceAccess" every granted role counts as requested (consented app). */
    private static AppRegistration app(JsonNode a) {
        Set<String> roles = new HashSet<>();
        a.get("roles").forEach(r -> roles.add(r.asText()));
        AppRegistration.Builder app = AppRegistration.builder(a.get("clientId").asText())
                .objectId(a.path("objectId").asText(null))
                .displayName(a.path("displayName").asText(null))
                .roles(roles);
        a.path("secrets").forEach(s -> app.secret(new ClientSecret(s.get("keyId").asText(), s.get("value").asText(),
                Instant.parse(s.get("endDateTime").asText()), s.path("displayName").asText(null), instant(s.path("startDateTime")))));
        if (a.has("requiredResourceAccess")) {
            app.requested(); // an empty list means "requests nothing"
            a.get("requiredResourceAccess").forEach(p -> app.requested(RequestedPermission.of(p.get("permission").asText(),
                    RequestedPermission.Kind.fromWire(p.get("type").asText()))));
        }
        return app.build();
    }

    private static Instant instant(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
    }
}
