package com.entralake.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.entralake.catalog.GraphPermissions;

/**
 * Compares the permissions the selected data types need with the token's roles and, for each missing
 * one, reads the app's requiredResourceAccess to say whether it was never added, added as Delegated,
 * or added without admin consent — the three mistakes of an app registration.
 */
public final class PermissionDiagnosis {

    private PermissionDiagnosis() {
    }

    /** {@code registration} empty when the app could not be read. */
    public static List<PermissionStatus> diagnose(List<String> needed, Set<String> roles,
            Optional<AppRegistrationDetails> registration) {
        List<PermissionStatus> result = new ArrayList<>();
        for (String permission : needed) {
            if (roles.contains(permission)) {
                result.add(new PermissionStatus(permission, PermissionStatus.State.GRANTED));
            } else if (registration.isEmpty()) {
                result.add(new PermissionStatus(permission, PermissionStatus.State.MISSING));
            } else {
                result.add(new PermissionStatus(permission, whyMissing(permission, registration.get())));
            }
        }
        return result;
    }

    private static PermissionStatus.State whyMissing(String permission, AppRegistrationDetails app) {
        Optional<String> roleId = GraphPermissions.appRoleId(permission).map(id -> id.toLowerCase(Locale.ROOT));
        Optional<String> scopeId = GraphPermissions.delegatedScopeId(permission).map(id -> id.toLowerCase(Locale.ROOT));
        boolean asApplication = roleId.isPresent() && app.requested().stream()
                .anyMatch(r -> r.isApplication() && r.id().equals(roleId.get()));
        if (asApplication) {
            return PermissionStatus.State.NOT_CONSENTED;
        }
        boolean asDelegated = scopeId.isPresent() && app.requested().stream()
                .anyMatch(r -> !r.isApplication() && r.id().equals(scopeId.get()));
        return asDelegated ? PermissionStatus.State.DELEGATED_INSTEAD : PermissionStatus.State.NOT_ADDED;
    }
}
