package com.entralake.emulator;

/**
 * One Microsoft Graph permission an app registration requests ("API permissions" in the portal; one
 * {@code requiredResourceAccess[].resourceAccess[]} entry on the wire): the permission's id and whether it was added as an
 * application permission ({@link Kind#ROLE}) or as a delegated one ({@link Kind#SCOPE}). Requesting is not granting:
 * what was admin-consented is {@link AppRegistration#roles()}.
 */
public record RequestedPermission(String id, Kind kind) {

    /** The {@code type} of a resourceAccess entry. */
    public enum Kind {
        ROLE("Role"), SCOPE("Scope");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** "Role" or "Scope", as Graph writes it. */
        public String wire() {
            return wire;
        }

        public static Kind fromWire(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("resourceAccess type must be Role or Scope, not " + s);
        }
    }

    public RequestedPermission {
        if (id == null || kind == null) {
            throw new IllegalArgumentException("a requested permission needs an id and a kind");
        }
    }

    /** The permission added as an application permission; fails for a name without a documented app role id. */
    public static RequestedPermission role(String permission) {
        return new RequestedPermission(GraphPermissionIds.appRoleId(permission).orElseThrow(
                () -> new IllegalArgumentException("no documented app role id for " + permission)), Kind.ROLE);
    }

    /** The permission added as a delegated permission; fails for a name without a documented scope id. */
    public static RequestedPermission scope(String permission) {
        return new RequestedPermission(GraphPermissionIds.scopeId(permission).orElseThrow(
                () -> new IllegalArgumentException("no documented delegated permission id for " + permission)), Kind.SCOPE);
    }

    public static RequestedPermission of(String permission, Kind kind) {
        return kind == Kind.ROLE ? role(permission) : scope(permission);
    }
}
