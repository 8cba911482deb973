package com.entralake.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>Delegated permissions (type {@code Scope}) have ids of their own. They are never what Entra Lake
 * asks for, but an app registration may carry one by mistake (added as Delegated instead of
 * Application), and the connectivity test names it from its id ({@link #permissionOfId(String)}).
 * Those ids, and the app role id of Organization.Read.All (which graph-reference.md does not list),
 * are copied from Microsoft's permissions reference, microsoft-graph-docs-contrib
 * {@code concepts/includes/permissions-ids.md} (the "Delegated" rows; two stored versions of the file
 * agree on every id here), published as
 * <a href="https://learn.microsoft.com/graph/permissions-reference">learn.microsoft.com/graph/permissions-reference</a>.
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
        // from permissions-ids.md directly: /organization (tenantType) accepts it
        ids.put("Organization.Read.All", "498476ce-e0fe-48b0-b801-37ba7e2685c6");
        // from permissions-ids.md directly (commit 0fcd5cb): the least-privileged permissions of devices and domains
        ids.put("Device.Read.All", "7438b122-aefc-4978-80ed-43db9fcc7715");
        ids.put("Domain.Read.All", "dbb9058a-0e50-45d7-ae91-66909b5d4664");
        // from permissions-ids.md directly (commit 0fcd5cb): directory roles, role definitions and assignments
        ids.put("RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c");
        // from Microsoft's permissions reference (learn.microsoft.com/graph/permissions-reference, docs commit
        // b419dfe of 2026-05-18): the agent types' permissions, and User.ReadBasic.All (agent users)
        ids.put("AgentInstance.Read.All", "799a4732-85b8-4c67-b048-75f0e88a232b");
        ids.put("AgentCardManifest.Read.All", "3ee18438-e6e5-4858-8f1c-d7b723b45213");
        ids.put("AgentIdentity.Read.All", "b2b8f011-2898-4234-9092-5059f6c1ebfa");
        ids.put("AgentIdentityBlueprint.Read.All", "7547a7d1-36fa-4479-9c31-559a600eaa4f");
        ids.put("AgentIdentityBlueprintPrincipal.Read.All", "9361dea9-4524-493d-941d-f1b65aaf6c7c");
        ids.put("IdentityRiskyAgent.Read.All", "4aadfb66-d49a-414a-a883-d8c240b6fa33");
        ids.put("User.ReadBasic.All", "97235f07-e226-4f63-ace3-39588e11d3a1");
        APP_ROLE_IDS = checked(ids, "app role id");
    }

    private static final Map<String, String> DELEGATED_SCOPE_IDS;

    static {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("AuditLog.Read.All", "e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20");
        ids.put("Directory.Read.All", "06da0dbc-49e2-44d2-8312-53f166ab848a");
        ids.put("User.Read.All", "a154be20-db9c-4678-8ab7-66f6cc099a59");
        ids.put("Group.Read.All", "5f8c59db-677d-491f-a6b8-5f174b11ec1d");
        ids.put("GroupMember.Read.All", "bc024368-1153-4739-b217-4326f2e966d0");
        ids.put("Application.Read.All", "c79f8feb-a9db-4090-85f9-90d820caa0eb");
        ids.put("Policy.Read.All", "572fea84-0151-49b2-9301-11cb16974376");
        ids.put("Reports.Read.All", "02e97553-ed7b-43d0-ab3c-f8bace0d040c");
        ids.put("IdentityRiskEvent.Read.All", "8f6a01e7-0391-4ee5-aa22-a3af122cef27");
        ids.put("IdentityRiskyUser.Read.All", "d04bb851-cb7c-4146-97c7-ca3e71baf56c");
        ids.put("IdentityRiskyServicePrincipal.Read.All", "ea5c4ab0-5a73-4f35-8272-5d5337884e5d");
        ids.put("UserAuthenticationMethod.Read.All", "aec28ec7-4d02-4e8c-b864-50163aea77eb");
        ids.put("DeviceManagementManagedDevices.Read.All", "314874da-47d6-4978-88dc-cf0d37f0bb82");
        ids.put("DeviceManagementApps.Read.All", "4edf5f54-4666-44af-9de9-0144fb4b6e8c");
        ids.put("DeviceManagementConfiguration.Read.All", "f1493658-876a-4c87-8fa7-edb559b3476a");
        ids.put("MailboxSettings.Read", "87f447af-9fa4-4c32-9dfa-4a57a73d18ce");
        ids.put("Synchronization.Read.All", "7aa02aeb-824f-4fbe-a3f7-611f751f5b55");
        ids.put("Organization.Read.All", "4908d5b9-3fb2-4b1e-9336-1888b7937185");
        ids.put("Device.Read.All", "951183d1-1a61-466f-a6d1-1fde911bfd95");
        ids.put("Domain.Read.All", "2f9ee017-59c1-4f1d-9472-bd5529a7b311");
        ids.put("RoleManagement.Read.Directory", "741c54c3-0c1e-44a1-818b-3f97ab4e8c83");
        ids.put("AgentInstance.Read.All", "4c3c738a-2df0-4877-bf4a-f796950ff34c");
        ids.put("AgentCardManifest.Read.All", "ada96a26-9579-4c29-a578-c3482a765716");
        ids.put("AgentIdentity.Read.All", "5e850691-d86a-4b24-bfa6-8a52fb37a0c1");
        ids.put("AgentIdentityBlueprint.Read.All", "26512dc8-1364-4e9f-867c-6d8b22a9e162");
        ids.put("AgentIdentityBlueprintPrincipal.Read.All", "88c856a2-de61-4632-b2d4-ac503cbc8dd2");
        ids.put("IdentityRiskyAgent.Read.All", "3215c57f-3faa-4295-95c2-6f14a5bc6124");
        ids.put("User.ReadBasic.All", "b340eb25-3456-403f-be2f-af7a0d370277");
        DELEGATED_SCOPE_IDS = checked(ids, "delegated permission id");
    }

    private static final Map<String, String> NAME_BY_ID;

    static {
        Map<String, String> byId = new LinkedHashMap<>();
        APP_ROLE_IDS.forEach((name, id) -> byId.put(id, name));
        DELEGATED_SCOPE_IDS.forEach((name, id) -> {
            if (byId.put(id, name) != null) {
                throw new IllegalStateException("id " + id + " is listed twice");
            }
        });
        NAME_BY_ID = Collections.unmodifiableMap(byId);
    }

    /** Read-only names, GUID ids, no id twice: a typo in the tables fails when the class loads, not in a report. */
    private static Map<String, String> checked(Map<String, String> ids, String what) {
        ids.forEach((name, id) -> {
            requireReadOnly(name);
            if (!id.matches(GUID)) {
                throw new IllegalStateException(what + " of " + name + " is not a GUID: " + id);
            }
        });
        if (Set.copyOf(ids.values()).size() != ids.size()) {
            throw new IllegalStateException("an " + what + " is listed twice");
        }
        return Collections.unmodifiableMap(ids);
    }

    private GraphPermissions() {
    }

    /** The app role id of an application permission, or empty when it is not in the table (unknown). */
    public static Optional<String> appRoleId(String permission) {
        return Optional.ofNullable(APP_ROLE_IDS.get(permission));
    }

    /**
     * The id of a permission added as a delegated permission ({@code "type": "Scope"}), or empty when
     * it is not in the table (unknown).
     */
    public static Optional<String> delegatedScopeId(String permission) {
        return Optional.ofNullable(DELEGATED_SCOPE_IDS.get(permission));
    }

    /**
     * The permission name of a {@code requiredResourceAccess} id, whether it is an app role id or a
     * delegated scope id (the entry's {@code type} says which), or empty when unknown. Case-insensitive.
     */
    public static Optional<String> permissionOfId(String id) {
        return Optional.ofNullable(id == null ? null : NAME_BY_ID.get(id.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every known permission with its app role id, in the order of graph-reference.md (then Organization.Read.All). */
    public static Map<String, String> all() {
        return APP_ROLE_IDS;
    }

    /**
     * Whether the name is a read-only permission: its operation (the second part of {@code Resource.Operation[.Scope]})
     * is {@code Read} or {@code ReadBasic} — {@code AuditLog.Read.All}, {@code MailboxSettings.Read},
     * {@code RoleManagement.Read.Directory}, {@code Policy.Read.AuthenticationMethod}.
     */
    public static boolean isReadOnly(String permission) {
        if (permission == null || permission.contains("Write")) {
            return false;
        }
        String[] parts = permission.split("\\.");
        return parts.length >= 2 && parts.length <= 3 && (parts[1].equals("Read") || parts[1].equals("ReadBasic"));
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
                    + "' is not a Resource.Read[.Scope] permission");
        }
        return permission;
    }
}
