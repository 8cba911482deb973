package com.entralake.emulator;

import com.entralake.catalog.DataTypeCatalog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Description of a tenant to add: event sources and listing objects by catalogued dataset. tenantType defaults to
 * {@link TenantType#AAD}.
 */
public record TenantSpec(String tenantId, String displayName, License license, TenantType tenantType, List<AppRegistration> apps,
                         Map<String, List<EventSource>> eventSources, Map<String, List<ObjectNode>> listings) {

    public static Builder builder(String tenantId) {
        return new Builder(tenantId);
    }

    public static final class Builder {
        private final String tenantId;
        private String displayName = "Contoso";
        private License license = License.PREMIUM;
        private TenantType tenantType = TenantType.AAD;
        private final List<AppRegistration> apps = new ArrayList<>();
        private final Map<String, List<EventSource>> sources = new LinkedHashMap<>();
        private final Map<String, List<ObjectNode>> listings = new LinkedHashMap<>();

        private Builder(String tenantId) {
            this.tenantId = tenantId;
        }

        public Builder displayName(String n) {
            displayName = n;
            return this;
        }

        public Builder license(License l) {
            license = l;
            return this;
        }

        public Builder tenantType(TenantType t) {
            tenantType = t;
            return this;
        }

        public Builder app(AppRegistration a) {
            apps.add(a);
            return this;
        }

        /** An event source of a catalogued event data type. */
        public Builder eventSource(String dataset, EventSource s) {
            sources.computeIfAbsent(dataset, k -> new ArrayList<>()).add(s);
            return this;
        }

        /**
         * Time-anchored lazy generators for sign-ins and audits at the given hourly rates (0 = none); 1 % of the
         * sign-ins are re-published later with settled details (see {@link Templates#settleSignIn}).
         */
        public Builder generated(Templates t, long seed, double signInsPerHour, double auditsPerHour) {
            if (signInsPerHour > 0) {
                eventSource(DataTypeCatalog.SIGN_INS.dataset(), GeneratedEventSource.perHour(seed, signInsPerHour, t::signIn)
                        .withRepublished(10, Templates::settleSignIn));
            }
            if (auditsPerHour > 0) {
                eventSource(DataTypeCatalog.DIRECTORY_AUDITS.dataset(), GeneratedEventSource.perHour(seed + 7919, auditsPerHour, t::directoryAudit));
            }
            return this;
        }

        /** Objects of a catalogued listing data type. */
        public Builder objects(String dataset, List<ObjectNode> objects) {
            listings.computeIfAbsent(dataset, k -> new ArrayList<>()).addAll(objects);
            return this;
        }

        public Builder users(List<ObjectNode> u) {
            return objects(DataTypeCatalog.USERS.dataset(), u);
        }

        public Builder groups(List<ObjectNode> g) {
            return objects(DataTypeCatalog.GROUPS.dataset(), g);
        }

        public TenantSpec build() {
            return new TenantSpec(tenantId, displayName, license, tenantType, List.copyOf(apps), sources, listings);
        }
    }
}
