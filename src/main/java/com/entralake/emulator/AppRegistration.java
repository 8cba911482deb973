package com.entralake.emulator;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** An app registration consented in a tenant with the given application roles. certificate may be null. */
public record AppRegistration(String clientId, String displayName, Set<String> roles, List<ClientSecret> secrets,
                              X509Certificate certificate) {
    public AppRegistration {
        roles = Set.copyOf(roles);
        secrets = List.copyOf(secrets);
    }

    public AppRegistration withRoles(Set<String> newRoles) {
        return new AppRegistration(clientId, displayName, newRoles, secrets, certificate);
    }
}
