package com.entralake.connectivity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.entralake.catalog.GraphPermissions;
import com.entralake.graph.GraphQuery;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of the app's own registration the connectivity test reads (needs Application.Read.All or Directory.Read.All):
 * which Microsoft Graph permissions it requests ({@code requiredResourceAccess}) and its secrets and
 * certificates with their expiry. Secret values are never returned by Graph, and never read here.
 */
public record AppRegistrationDetails(String displayName, List<RequestedPermission> requested,
                                     List<AppCredential> credentials) {

    /** An entry of requiredResourceAccess for Microsoft Graph: type {@code Role} (application) or {@code Scope} (delegated). */
    public record RequestedPermission(String id, String type) {
        public boolean isApplication() {
            return "Role".equalsIgnoreCase(type);
        }
    }

    public AppRegistrationDetails {
        requested = List.copyOf(requested);
        credentials = List.copyOf(credentials);
    }

    /** {@code GET /v1.0/applications(appId='…')?$select=…}: the alternate-key form, no object id needed. */
    public static URI url(URI graphBase, String clientId) {
        return GraphQuery.resource(graphBase, "/v1.0/applications(appId='" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "')?$select=displayName,requiredResourceAccess,passwordCredentials,keyCredentials");
    }

    public static AppRegistrationDetails parse(JsonNode app) {
        List<RequestedPermission> requested = new ArrayList<>();
        for (JsonNode resource : app.path("requiredResourceAccess")) {
            if (GraphPermissions.GRAPH_RESOURCE_APP_ID.equalsIgnoreCase(resource.path("resourceAppId").asText())) {
                for (JsonNode access : resource.path("resourceAccess")) {
                    requested.add(new RequestedPermission(access.path("id").asText().toLowerCase(java.util.Locale.ROOT),
                            access.path("type").asText()));
                }
            }
        }
        List<AppCredential> credentials = new ArrayList<>();
        for (JsonNode secret : app.path("passwordCredentials")) {
            credentials.add(credential(AppCredential.Kind.SECRET, secret));
        }
        for (JsonNode key : app.path("keyCredentials")) {
            credentials.add(credential(AppCredential.Kind.CERTIFICATE, key));
        }
        return new AppRegistrationDetails(app.path("displayName").asText(null), requested, credentials);
    }

    private static AppCredential credential(AppCredential.Kind kind, JsonNode node) {
        return new AppCredential(kind, node.path("keyId").asText(""), node.path("displayName").asText(""),
                time(node.path("endDateTime")), node.path("customKeyIdentifier").asText(""));
    }

    private static Instant time(JsonNode value) {
        return value.isTextual() ? OffsetDateTime.parse(value.asText()).toInstant() : null;
    }
}
