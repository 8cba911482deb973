package com.entralake.emulator;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An app registration in a tenant.
 *
 * <ul>
 *   <li>{@code roles}: the application permissions admin consent was granted for: what the token's {@code roles} claim
 *       carries.</li>
 *   <li>{@code requiredResourceAccess}: the Microsoft Graph permissions the registration requests (Role or Scope), which
 *       need not match {@code roles}: a permission can be missing, added as delegated, or added without consent. When not
 *       given, every granted role with a documented id is requested as a Role (a normally consented app).</li>
 *   <li>{@code objectId}: the application object's {@code id}, distinct from the appId (client id); derived from the
 *       client id when not given.</li>
 *   <li>{@code certificate} (may be null) signs client assertions; {@code keyCredentials} are the certificates Graph
 *       lists, by default one made from {@code certificate}. Assertions are checked against all of them.</li>
 * </ul>
 */
public record AppRegistration(String clientId, String objectId, String displayName, Set<String> roles, List<ClientSecret> secrets,
                              X509Certificate certificate, List<RequestedPermission> requiredResourceAccess,
                              List<KeyCredential> keyCredentials) {
    public AppRegistration {
        roles = Set.copyOf(roles);
        secrets = List.copyOf(secrets);
        if (objectId == null) {
            objectId = UUID.nameUUIDFromBytes(("application:" + clientId.toLowerCase()).getBytes(StandardCharsets.UTF_8)).toString();
        }
        requiredResourceAccess = List.copyOf(requiredResourceAccess != null ? requiredResourceAccess : requestedAsGranted(roles));
        keyCredentials = List.copyOf(keyCredentials != null ? keyCredentials
                : certificate != null ? List.of(KeyCredential.of(certificate)) : List.of());
    }

    /** A consented app: every granted role is also requested as a Role; one key credential if certificate is given. */
    public AppRegistration(String clientId, String displayName, Set<String> roles, List<ClientSecret> secrets, X509Certificate certificate) {
        this(clientId, null, displayName, roles, secrets, certificate, null, null);
    }

    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /** Changes what was consented only; what the registration requests stays (revoking consent keeps the request). */
    public AppRegistration withRoles(Set<String> newRoles) {
        return new AppRegistration(clientId, objectId, displayName, newRoles, secrets, certificate, requiredResourceAccess, keyCredentials);
    }

    private static List<RequestedPermission> requestedAsGranted(Set<String> roles) {
        List<RequestedPermission> l = new ArrayList<>();
        roles.stream().sorted().forEach(r -> GraphPermissionIds.appRoleId(r)
                .ifPresent(id -> l.add(new RequestedPermission(id, RequestedPermission.Kind.ROLE))));
        return l;
    }

    /** For registrations whose request, credentials or ids differ from the plain consented case. */
    public static final class Builder {
        private final String clientId;
        private String objectId;
        private String displayName;
        private final Set<String> roles = new LinkedHashSet<>();
        private final List<ClientSecret> secrets = new ArrayList<>();
        private X509Certificate certificate;
        private List<RequestedPermission> requested;
        private List<KeyCredential> keyCredentials;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder objectId(String id) {
            objectId = id;
            return this;
        }

        public Builder displayName(String n) {
            displayName = n;
            return this;
        }

        /** Granted (admin-consented) application permissions. */
        public Builder roles(Set<String> r) {
            roles.addAll(r);
            return this;
        }

        public Builder secret(ClientSecret s) {
            secrets.add(s);
            return this;
        }

        public Builder certificate(X509Certificate c) {
            certificate = c;
            return this;
        }

        /**
         * Sets what the registration requests, replacing the default (every granted role as a Role). Calling it with
         * nothing makes a registration that requests no permission at all.
         */
        public Builder requested(RequestedPermission... p) {
            if (requested == null) {
                requested = new ArrayList<>();
            }
            requested.addAll(List.of(p));
            return this;
        }

        /** Sets the certificate credentials Graph lists, replacing the one derived from {@link #certificate}. */
        public Builder keyCredential(KeyCredential k) {
            if (keyCredentials == null) {
                keyCredentials = new ArrayList<>();
            }
            keyCredentials.add(k);
            return this;
        }

        public AppRegistration build() {
            return new AppRegistration(clientId, objectId, displayName, roles, secrets, certificate, requested, keyCredentials);
        }
    }
}
