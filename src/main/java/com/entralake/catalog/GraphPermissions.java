package com.entralake.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Graph application permissions (app roles) by name, with their app role ids: what goes
 * into an app registration's {@code requiredResourceAccess} ({@code "type": "Role"}) or
 * {@code az ad app permission add --api-permissions <id>=Role}.
 *
 * <p>The ids are copied from the table "Application permission ids" in {@code graph-reference.md},
 * which took them from Microsoft's permissions reference
 * (microsoft-graph-docs-contrib {@code concepts/includes/permissions-ids.md},
 * <a href="https://learn.microsoft.com/graph/permissions-reference">learn.microsoft.com/graph/permissions-reference</a>).
 * An id is never guessed: a permission missing here (e.g. AgentInstance.Read.All,
 * AgentCardManifest.Read.All, IdentityRiskyAgent.Read.All, whose ids were not found) has no id and
 * must be reported as unknown until it is looked up in that reference and added.
 *
 * <p>Entra Lake only reads: every permission here, and every permission a command is asked to
 * print, must be a read permission ({@link #requireReadOnly(String)}).
 */
public final class GraphPermissions {

    /** The application (client) id of Microsoft Graph, the {@code resourceAppId} of its permissions. */
    public static final String GRAPH_RESOURCE_APP_ID = "00000003-0000-0000-c000-000000000000";

    private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static final Map<String, String> APP_ROLE_IDS;

    static {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("AuditLog.Read.All", "b0afded3-3588-46d8-8b3d-9842eff778da");
        ids.put("Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61");
        ids.put("User.Read.All", "df021288-bdef-4463-88db-98f22de89214");
        ids.put("Group.Read.All", "5b567255-7703-4780-807c-7be8301ae99b");
        ids.put("GroupMember.Read.All", "98830695-27a2-44f7-8c18-0c3ebc9698f6");
        ids.put("Application.Read.All", "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30");
        ids.put("Policy.Read.All", "246dd0d5-5bd0-4def-940b-0421030a5b68");
        ids.put("Reports.Read.All", "230c1aed-a721-4c5d-9cb4-a90514e508ef");
        ids.put("IdentityRiskEvent.Read.All", "6e472fd1-ad78-48da-a0f0-97ab2c6b769e");
        ids.put("IdentityRiskyUser.Read.All", "dc5007c0-2d7d-4c42-879c-2dab87571379");
        ids.put("IdentityRiskyServicePrincipal.Read.All", "607c7344-0eed-41e5-823a-9695ebe1b7b0");
        ids.put("UserAuthenticationMethod.Read.All", "38d9df27-64da-44fd-b7c5-a6fbac20248f");
        ids.put("DeviceManagementManagedDevices.Read.All", "2f51be20-0bb4-4fed-bf7b-db946066c75e");
        ids.put("DeviceManagementApps.Read.All", "7a6ee1e7-141e-4cec-ae74-d9db155731ff");
        ids.put("DeviceManagementConfiguration.Read.All", "dc377aa6-52d8-4e23-b271-2a7ae04cedf3");
        ids.put("MailboxSettings.Read", "40f97065-369a-49f4-947c-6a255697ae91");
        ids.put("Synchronization.Read.All", "5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce");
        ids.forEach((name, id) -> {
            requireReadOnly(name);
            if (!id.matches(GUID)) {
                throw new IllegalStateException("app role id of " + name + " is not a GUID: " + id);
            }
        });
        APP_ROLE_IDS = Collections.unmodifiableMap(ids);
    }

    private GraphPermissions() {
    }

    /** The app role id of an application permission, or empty when it is not in the table (unknown). */
    public static Optional<String> appRoleId(String permission) {
        return Optional.ofNullable(APP_ROLE_IDS.get(permission));
    }

    /** Every known permission with its app role id, in the order of graph-reference.md. */
    public static Map<String, String> all() {
        return APP_ROLE_IDS;
    }

    /** Whether the name is a read-only permission: it ends with {@code .Read.All} or {@code .Read}. */
    public static boolean isReadOnly(String permission) {
        return permission != null
                && (permission.endsWith(".Read.All") || permission.endsWith(".Read"))
                && !permission.contains("Write");
    }

    /**
     * Fails fast on anything but a read permission: Entra Lake never asks for write access.
     *
     * @return the permission, unchanged
     * @throws IllegalStateException when the permission is not read-only (a bug in the catalogue)
     */
    public static String requireReadOnly(String permission) {
        if (!isReadOnly(permission)) {
            throw new IllegalStateException("Entra Lake never asks for write permissions, but '" + permission
                    + "' does not end with .Read.All or .Read");
        }
        return permission;
    }
}
