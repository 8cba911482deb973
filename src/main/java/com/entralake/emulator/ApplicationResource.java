package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Graph's {@code application} entity for an {@link AppRegistration}, as "Get application" documents it
 * (api-reference/v1.0/api/application-get.md): the default property set of Microsoft's example 1, or exactly the
 * {@code $select}ed properties with the context {@code applications(p1,p2)/$entity} of example 2. Secrets never leave:
 * {@code secretText} is always null, only the 3-character {@code hint} is shown.
 */
final class ApplicationResource {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Every v1.0 application property (msgraph-metadata v1.0 csdl, via graph-examples/v1.0-schema-selected.json). */
    static final List<String> PROPERTIES = List.of("addIns", "api", "appId", "appRoles", "applicationTemplateId",
            "authenticationBehaviors", "certification", "createdByAppId", "createdDateTime", "defaultRedirectUri", "deletedDateTime",
            "description", "disabledByMicrosoftStatus", "displayName", "groupMembershipClaims", "id", "identifierUris", "info",
            "isDeviceOnlyAuthSupported", "isDisabled", "isFallbackPublicClient", "keyCredentials", "logo", "managerApplications",
            "nativeAuthenticationApisEnabled", "notes", "oauth2RequirePostResponse", "optionalClaims", "parentalControlSettings",
            "passwordCredentials", "publicClient", "publisherDomain", "requestSignatureVerification", "requiredResourceAccess",
            "samlMetadataUrl", "serviceManagementReference", "servicePrincipalLockConfiguration", "signInAudience", "spa", "tags",
            "tokenEncryptionKeyId", "uniqueName", "verifiedPublisher", "web");

    /** The properties of Microsoft's unselected example response, in its order. */
    static final List<String> DEFAULT_PROPERTIES = List.of("id", "deletedDateTime", "isFallbackPublicClient", "appId",
            "applicationTemplateId", "identifierUris", "createdDateTime", "disabledByMicrosoftStatus", "displayName",
            "isDeviceOnlyAuthSupported", "groupMembershipClaims", "optionalClaims", "addIns", "publisherDomain", "samlMetadataUrl",
            "signInAudience", "verifiedPublisher", "certification", "tags", "tokenEncryptionKeyId", "api", "appRoles", "publicClient",
            "info", "keyCredentials", "parentalControlSettings", "passwordCredentials", "requiredResourceAccess", "web");

    /** Collection-valued properties: never null on the wire, [] when empty. */
    private static final List<String> COLLECTIONS = List.of("addIns", "appRoles", "identifierUris", "keyCredentials",
            "managerApplications", "passwordCredentials", "requiredResourceAccess", "tags");

    private ApplicationResource() {
    }

    /** Canonical property name for a $select item (case-insensitive, as Graph matches them), or empty when unknown. */
    static Optional<String> property(String name) {
        return PROPERTIES.stream().filter(p -> p.equalsIgnoreCase(name.trim())).findFirst();
    }

    /**
     * The entity with its {@code @odata.context}. {@code select} null = default set. {@code now} (emulator clock) dates a
     * secret registered without a start date.
     */
    static ObjectNode render(AppRegistration app, String tenantDomain, List<String> select, Instant now) {
        Map<String, JsonNode> all = values(app, tenantDomain, select != null && select.contains("keyCredentials"), now);
        ObjectNode o = F.objectNode();
        o.put("@odata.context", QueryOptions.context("v1.0", "applications")
                + (select == null ? "" : "(" + String.join(",", select) + ")") + "/$entity");
        for (String p : select == null ? DEFAULT_PROPERTIES : select) {
            o.set(p, all.getOrDefault(p, COLLECTIONS.contains(p) ? F.arrayNode() : F.nullNode()));
        }
        return o;
    }

    private static Map<String, JsonNode> values(AppRegistration app, String tenantDomain, boolean withKeys, Instant now) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        v.put("id", F.textNode(app.objectId()));
        v.put("appId", F.textNode(app.clientId()));
        v.put("displayName", app.displayName() == null ? F.nullNode() : F.textNode(app.displayName()));
        v.put("createdDateTime", created(app, now).<JsonNode>map(t -> F.textNode(WireTime.format(t))).orElse(F.nullNode()));
        v.put("publisherDomain", F.textNode(tenantDomain));
        v.put("signInAudience", F.textNode("AzureADMyOrg"));
        v.put("verifiedPublisher", F.objectNode().putNull("displayName").putNull("verifiedPublisherId").putNull("addedDateTime"));
        ObjectNode api = F.objectNode();
        api.putNull("acceptMappedClaims");
        api.putArray("knownClientApplications");
        api.putArray("oauth2PermissionScopes");
        api.putArray("preAuthorizedApplications");
        api.putNull("requestedAccessTokenVersion");
        v.put("api", api);
        v.put("publicClient", F.objectNode().set("redirectUris", F.arrayNode()));
        v.put("info", F.objectNode().putNull("termsOfServiceUrl").putNull("supportUrl").putNull("privacyStatementUrl")
                .putNull("marketingUrl").putNull("logoUrl"));
        ObjectNode pcs = F.objectNode();
        pcs.putArray("countriesBlockedForMinors");
        pcs.put("legalAgeGroupRule", "Allow");
        v.put("parentalControlSettings", pcs);
        ObjectNode web = F.objectNode();
        web.putArray("redirectUris");
        web.putNull("homePageUrl");
        web.putNull("logoutUrl");
        web.putObject("implicitGrantSettings").put("enableIdTokenIssuance", false).put("enableAccessTokenIssuance", false);
        v.put("web", web);
        v.put("requiredResourceAccess", requiredResourceAccess(app));
        v.put("passwordCredentials", passwordCredentials(app, now));
        v.put("keyCredentials", keyCredentials(app, withKeys));
        return v;
    }

    /** All requested Graph permissions under one resourceAppId entry; no entry at all when nothing is requested. */
    private static ArrayNode requiredResourceAccess(AppRegistration app) {
        ArrayNode rra = F.arrayNode();
        if (!app.requiredResourceAccess().isEmpty()) {
            ObjectNode graph = rra.addObject();
            graph.put("resourceAppId", GraphPermissionIds.GRAPH_APP_ID);
            ArrayNode ra = graph.putArray("resourceAccess");
            app.requiredResourceAccess().forEach(p -> ra.addObject().put("id", p.id()).put("type", p.kind().wire()));
        }
        return rra;
    }

    private static ArrayNode passwordCredentials(AppRegistration app, Instant now) {
        ArrayNode a = F.arrayNode();
        for (ClientSecret s : app.secrets()) {
            ObjectNode o = a.addObject();
            o.putNull("customKeyIdentifier"); // "Do not use." (passwordCredential resource)
            o.put("displayName", s.displayName());
            o.put("endDateTime", s.endDateTime() == null ? null : WireTime.format(s.endDateTime()));
            o.put("hint", s.hint());
            o.put("keyId", s.keyId());
            o.putNull("secretText"); // only ever returned by addPassword
            o.put("startDateTime", WireTime.format(start(s, now)));
        }
        return a;
    }

    /** {@code key} only when keyCredentials is $selected on a single object; "otherwise, it is always null". */
    private static ArrayNode keyCredentials(AppRegistration app, boolean withKeys) {
        ArrayNode a = F.arrayNode();
        for (KeyCredential k : app.keyCredentials()) {
            ObjectNode o = a.addObject();
            o.put("customKeyIdentifier", k.customKeyIdentifier());
            o.put("displayName", k.displayName());
            o.put("endDateTime", k.endDateTime() == null ? null : WireTime.format(k.endDateTime()));
            o.put("key", withKeys ? k.base64Key() : null);
            o.put("keyId", k.keyId());
            o.put("startDateTime", k.startDateTime() == null ? null : WireTime.format(k.startDateTime()));
            o.put("type", "AsymmetricX509Cert");
            o.put("usage", "Verify");
        }
        return a;
    }

    /**
     * A secret registered without a start date: two years before its end (the portal's longest recommended lifetime),
     * but never after now, so a secret never looks "not yet valid" by accident.
     */
    static Instant start(ClientSecret s, Instant now) {
        if (s.startDateTime() != null) {
            return s.startDateTime();
        }
        Instant end = s.endDateTime() == null ? now : s.endDateTime();
        Instant twoYearsBefore = end.minus(Duration.ofDays(730));
        return twoYearsBefore.isBefore(now) ? twoYearsBefore : now;
    }

    /** The registration is at least as old as its oldest credential. */
    private static Optional<Instant> created(AppRegistration app, Instant now) {
        List<Instant> starts = new ArrayList<>();
        app.secrets().forEach(s -> starts.add(start(s, now)));
        app.keyCredentials().stream().map(KeyCredential::startDateTime).filter(t -> t != null).forEach(starts::add);
        return starts.stream().min(Instant::compareTo);
    }
}
