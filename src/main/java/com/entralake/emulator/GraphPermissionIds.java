package com.entralake.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * The emulator's own table of Microsoft Graph permission ids: the app role id (application permission, type
 * {@code Role}) and the oauth2 permission scope id (delegated permission, type {@code Scope}) of each permission an
 * emulated app registration may request. Kept apart from the reader's {@code catalog.GraphPermissions} on purpose: the
 * emulator answers from Microsoft's documentation, never from the code it is used to test.
 *
 * <p>Every id is copied from Microsoft's permissions reference, microsoft-graph-docs-contrib
 * {@code concepts/includes/permissions-ids.md} (two stored versions agree on every id here), published as
 * <a href="https://learn.microsoft.com/graph/permissions-reference">learn.microsoft.com/graph/permissions-reference</a>.
 * A permission that reference gives no id for (e.g. Application.ReadWrite.OwnedBy has no delegated form) has none here.
 */
public final class GraphPermissionIds {
    /** The application (client) id of Microsoft Graph: the {@code resourceAppId} of its permissions. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    private record Ids(String appRole, String scope) {
    }

    private static final Map<String, Ids> IDS = Map.ofEntries(
            Map.entry("AuditLog.Read.All", new Ids("b0afded3-3588-46d8-8b3d-9842eff778da", "e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20")),
            Map.entry("Directory.Read.All", new Ids("7ab1d382-f21e-4acd-a863-ba3e13f7da61", "06da0dbc-49e2-44d2-8312-53f166ab848a")),
            Map.entry("Directory.ReadWrite.All", new Ids("19dbc75e-c2e2-444c-a770-ec69d8559fc7", "c5366453-9fb0-48a5-a156-24f0c49a4b84")),
            Map.entry("User.Read.All", new Ids("df021288-bdef-4463-88db-98f22de89214", "a154be20-db9c-4678-8ab7-66f6cc099a59")),
            Map.entry("User.ReadWrite.All", new Ids("741f803b-c850-494e-b5df-cde7c675a1ca", "204e0828-b5ca-4ad8-b9f3-f32a958e7cc4")),
            Map.entry("Group.Read.All", new Ids("5b567255-7703-4780-807c-7be8301ae99b", "5f8c59db-677d-491f-a6b8-5f174b11ec1d")),
            Map.entry("Group.ReadWrite.All", new Ids("62a82d76-70ea-41e2-9197-370581804d09", "4e46008b-f24c-477d-8fff-7bb4ec7aafe0")),
            Map.entry("GroupMember.Read.All", new Ids("98830695-27a2-44f7-8c18-0c3ebc9698f6", "bc024368-1153-4739-b217-4326f2e966d0")),
            Map.entry("Application.Read.All", new Ids("9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30", "c79f8feb-a9db-4090-85f9-90d820caa0eb")),
            Map.entry("Application.ReadWrite.All", new Ids("1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "bdfbf15f-ee85-4955-8675-146e8e5296b5")),
            Map.entry("Application.ReadWrite.OwnedBy", new Ids("18a4783c-866b-4cc7-a460-3d5e5662c884", null)),
            Map.entry("Organization.Read.All", new Ids("498476ce-e0fe-48b0-b801-37ba7e2685c6", "4908d5b9-3fb2-4b1e-9336-1888b7937185")),
            Map.entry("Organization.ReadWrite.All", new Ids("292d869f-3427-49a8-9dab-8c70152b74e9", "46ca0847-7e6b-426e-9775-ea810a948356")),
            Map.entry("Device.Read.All", new Ids("7438b122-aefc-4978-80ed-43db9fcc7715", "951183d1-1a61-466f-a6d1-1fde911bfd95")),
            Map.entry("Domain.Read.All", new Ids("dbb9058a-0e50-45d7-ae91-66909b5d4664", "2f9ee017-59c1-4f1d-9472-bd5529a7b311")),
            Map.entry("RoleManagement.Read.Directory", new Ids("483bed4a-2ad3-4361-a73b-c83ccdbdc53c", "741c54c3-0c1e-44a1-818b-3f97ab4e8c83")),
            Map.entry("AgentInstance.Read.All", new Ids("799a4732-85b8-4c67-b048-75f0e88a232b", "4c3c738a-2df0-4877-bf4a-f796950ff34c")),
            Map.entry("AgentCardManifest.Read.All", new Ids("3ee18438-e6e5-4858-8f1c-d7b723b45213", "ada96a26-9579-4c29-a578-c3482a765716")),
            Map.entry("AgentIdentity.Read.All", new Ids("b2b8f011-2898-4234-9092-5059f6c1ebfa", "5e850691-d86a-4b24-bfa6-8a52fb37a0c1")),
            Map.entry("AgentIdentityBlueprint.Read.All", new Ids("7547a7d1-36fa-4479-9c31-559a600eaa4f", "26512dc8-1364-4e9f-867c-6d8b22a9e162")),
            Map.entry("AgentIdentityBlueprintPrincipal.Read.All", new Ids("9361dea9-4524-493d-941d-f1b65aaf6c7c", "88c856a2-de61-4632-b2d4-ac503cbc8dd2")),
            Map.entry("IdentityRiskyAgent.Read.All", new Ids("4aadfb66-d49a-414a-a883-d8c240b6fa33", "3215c57f-3faa-4295-95c2-6f14a5bc6124")),
            Map.entry("User.ReadBasic.All", new Ids("97235f07-e226-4f63-ace3-39588e11d3a1", "b340eb25-3456-403f-be2f-af7a0d370277")),
            Map.entry("Policy.Read.All", new Ids("246dd0d5-5bd0-4def-940b-0421030a5b68", "572fea84-0151-49b2-9301-11cb16974376")),
            Map.entry("Reports.Read.All", new Ids("230c1aed-a721-4c5d-9cb4-a90514e508ef", "02e97553-ed7b-43d0-ab3c-f8bace0d040c")),
            Map.entry("IdentityRiskEvent.Read.All", new Ids("6e472fd1-ad78-48da-a0f0-97ab2c6b769e", "8f6a01e7-0391-4ee5-aa22-a3af122cef27")),
            Map.entry("IdentityRiskyUser.Read.All", new Ids("dc5007c0-2d7d-4c42-879c-2dab87571379", "d04bb851-cb7c-4146-97c7-ca3e71baf56c")),
            Map.entry("IdentityRiskyServicePrincipal.Read.All", new Ids("607c7344-0eed-41e5-823a-9695ebe1b7b0", "ea5c4ab0-5a73-4f35-8272-5d5337884e5d")),
            Map.entry("UserAuthenticationMethod.Read.All", new Ids("38d9df27-64da-44fd-b7c5-a6fbac20248f", "aec28ec7-4d02-4e8c-b864-50163aea77eb")),
            Map.entry("DeviceManagementManagedDevices.Read.All", new Ids("2f51be20-0bb4-4fed-bf7b-db946066c75e", "314874da-47d6-4978-88dc-cf0d37f0bb82")),
            Map.entry("DeviceManagementApps.Read.All", new Ids("7a6ee1e7-141e-4cec-ae74-d9db155731ff", "4edf5f54-4666-44af-9de9-0144fb4b6e8c")),
            Map.entry("DeviceManagementConfiguration.Read.All", new Ids("dc377aa6-52d8-4e23-b271-2a7ae04cedf3", "f1493658-876a-4c87-8fa7-edb559b3476a")),
            Map.entry("MailboxSettings.Read", new Ids("40f97065-369a-49f4-947c-6a255697ae91", "87f447af-9fa4-4c32-9dfa-4a57a73d18ce")),
            Map.entry("Synchronization.Read.All", new Ids("5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce", "7aa02aeb-824f-4fbe-a3f7-611f751f5b55")));

    private GraphPermissionIds() {
    }

    /** The app role id (application permission) of a permission, or empty when the table has none. */
    public static Optional<String> appRoleId(String permission) {
        Ids ids = IDS.get(permission);
        return Optional.ofNullable(ids == null ? null : ids.appRole());
    }

    /** The delegated permission (scope) id of a permission, or empty when the table has none. */
    public static Optional<String> scopeId(String permission) {
        Ids ids = IDS.get(permission);
        return Optional.ofNullable(ids == null ? null : ids.scope());
    }
}
