package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

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
                    .users(templates.users())
                    .groups(templates.groups())
                    .generated(templates, seed, t.path("signInsPerHour").asDouble(60), t.path("directoryAuditsPerHour").asDouble(6));
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
