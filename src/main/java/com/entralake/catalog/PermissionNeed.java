package com.entralake.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One application permission an endpoint needs: the least-privileged one Entra Lake asks for, and the
 * other ones Graph also accepts in its place (an app granted Directory.Read.All can read users without
 * User.Read.All).
 */
public record PermissionNeed(String leastPrivileged, List<String> alsoAccepted) {

    public PermissionNeed {
        GraphPermissions.requireReadOnly(Objects.requireNonNull(leastPrivileged, "leastPrivileged"));
        alsoAccepted = List.copyOf(alsoAccepted);
        alsoAccepted.forEach(GraphPermissions::requireReadOnly);
    }

    public static PermissionNeed of(String leastPrivileged, String... alsoAccepted) {
        return new PermissionNeed(leastPrivileged, List.of(alsoAccepted));
    }

    /** Whether a token with these roles satisfies this need. */
    public boolean metBy(Set<String> roles) {
        return roles.contains(leastPrivileged) || alsoAccepted.stream().anyMatch(roles::contains);
    }
}
