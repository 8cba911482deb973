package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
            for (JsonNode a : t.get("apps")) {
                Set<String> roles = new HashSet<>();
                a.get("roles").forEach(r -> roles.add(r.asText()));
                List<ClientSecret> secrets = new ArrayList<>();
                a.path("secrets").forEach(s -> secrets.add(new ClientSecret(s.get("keyId").asText(), s.get("value").asText(),
                        Instant.parse(s.get("endDateTime").asText()))));
                b.app(new AppRegistration(a.get("clientId").asText(), a.path("displayName").asText(null), roles, secrets, null));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load demo tenant from " + sampleData, e);
        }
    }
}
