package com.entralake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphPermissionsTest {

    @Test
    void everyPermissionOfEveryDataTypeHasAKnownAppRoleId() {
        for (DataType type : DataTypeCatalog.all()) {
            for (String permission : type.leastPrivilegedPermissions()) {
                assertThat(GraphPermissions.appRoleId(permission))
                        .as("app role id of %s (needed by %s)", permission, type.dataset())
                        .isPresent();
            }
        }
    }

    @Test
    void tableHoldsEveryIdOfTheReferenceAndOnlyReadPermissions() {
        assertThat(GraphPermissions.all()).hasSize(28)
                .containsEntry("AuditLog.Read.All", "b0afded3-3588-46d8-8b3d-9842eff778da")
                .containsEntry("Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61")
                .containsEntry("User.Read.All", "df021288-bdef-4463-88db-98f22de89214")
                .containsEntry("Group.Read.All", "5b567255-7703-4780-807c-7be8301ae99b")
                .containsEntry("MailboxSettings.Read", "40f97065-369a-49f4-947c-6a255697ae91")
                .containsEntry("Synchronization.Read.All", "5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce")
                .containsEntry("Organization.Read.All", "498476ce-e0fe-48b0-b801-37ba7e2685c6")
                // Microsoft's permissions-ids.md (microsoft-graph-docs-contrib concepts/includes, commit 0fcd5cb)
                .containsEntry("Device.Read.All", "7438b122-aefc-4978-80ed-43db9fcc7715")
                .containsEntry("Domain.Read.All", "dbb9058a-0e50-45d7-ae91-66909b5d4664")
                .containsEntry("RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c")
                // Microsoft's permissions reference page (docs commit b419dfe, 2026-05-18)
                .containsEntry("AgentInstance.Read.All", "799a4732-85b8-4c67-b048-75f0e88a232b")
                .containsEntry("IdentityRiskyAgent.Read.All", "4aadfb66-d49a-414a-a883-d8c240b6fa33")
                .containsEntry("User.ReadBasic.All", "97235f07-e226-4f63-ace3-39588e11d3a1");
        assertThat(GraphPermissions.all().values()).doesNotHaveDuplicates();
        GraphPermissions.all().keySet().forEach(p -> assertThat(GraphPermissions.isReadOnly(p)).as(p).isTrue());
    }

    @Test
    void idsThatWereNotFoundAreUnknownNotInvented() {
        // permissions no data type needs are not in the table, whatever Microsoft lists
        assertThat(GraphPermissions.appRoleId("AgentCollection.Read.All")).isEmpty();
        assertThat(GraphPermissions.appRoleId("Mail.Read")).isEmpty();
    }

    @Test
    void delegatedIdsAreMicrosoftsAndDifferFromTheAppRoleIds() {
        // permissions-ids.md, "Delegated" rows
        assertThat(GraphPermissions.delegatedScopeId("AuditLog.Read.All")).hasValue("e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20");
        assertThat(GraphPermissions.delegatedScopeId("Directory.Read.All")).hasValue("06da0dbc-49e2-44d2-8312-53f166ab848a");
        assertThat(GraphPermissions.delegatedScopeId("User.Read.All")).hasValue("a154be20-db9c-4678-8ab7-66f6cc099a59");
        assertThat(GraphPermissions.delegatedScopeId("Group.Read.All")).hasValue("5f8c59db-677d-491f-a6b8-5f174b11ec1d");
        assertThat(GraphPermissions.delegatedScopeId("Application.Read.All")).hasValue("c79f8feb-a9db-4090-85f9-90d820caa0eb");
        assertThat(GraphPermissions.delegatedScopeId("Organization.Read.All")).hasValue("4908d5b9-3fb2-4b1e-9336-1888b7937185");
        for (String p : GraphPermissions.all().keySet()) {
            assertThat(GraphPermissions.delegatedScopeId(p)).as("delegated id of %s", p).isPresent()
                    .isNotEqualTo(GraphPermissions.appRoleId(p));
        }
        assertThat(GraphPermissions.delegatedScopeId("AgentInstance.Read.All")).hasValue("4c3c738a-2df0-4877-bf4a-f796950ff34c");
        assertThat(GraphPermissions.delegatedScopeId("AgentCollection.Read.All")).isEmpty();
    }

    @Test
    void anIdOfEitherKindNamesItsPermission() {
        assertThat(GraphPermissions.permissionOfId("b0afded3-3588-46d8-8b3d-9842eff778da")).hasValue("AuditLog.Read.All");
        assertThat(GraphPermissions.permissionOfId("e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20")).hasValue("AuditLog.Read.All");
        assertThat(GraphPermissions.permissionOfId("06DA0DBC-49E2-44D2-8312-53F166AB848A")).hasValue("Directory.Read.All");
        assertThat(GraphPermissions.permissionOfId("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(GraphPermissions.permissionOfId(null)).isEmpty();
        for (var e : GraphPermissions.all().entrySet()) {
            assertThat(GraphPermissions.permissionOfId(e.getValue())).hasValue(e.getKey());
            assertThat(GraphPermissions.permissionOfId(GraphPermissions.delegatedScopeId(e.getKey()).orElseThrow())).hasValue(e.getKey());
        }
    }

    @Test
    void theEmulatorsOwnTableCopiedFromTheSameReferenceAgrees() {
        for (String p : GraphPermissions.all().keySet()) {
            assertThat(com.entralake.emulator.GraphPermissionIds.appRoleId(p)).as(p).isEqualTo(GraphPermissions.appRoleId(p));
            assertThat(com.entralake.emulator.GraphPermissionIds.scopeId(p)).as(p).isEqualTo(GraphPermissions.delegatedScopeId(p));
        }
    }

    @Test
    void writePermissionsFailFast() {
        assertThatThrownBy(() -> GraphPermissions.requireReadOnly("User.ReadWrite.All"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("User.ReadWrite.All");
        assertThatThrownBy(() -> GraphPermissions.requireReadOnly("Directory.AccessAsUser.All"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(GraphPermissions.requireReadOnly("MailboxSettings.Read")).isEqualTo("MailboxSettings.Read");
        // Resource.Read.Scope permissions are read-only too; the operation, not the last word, decides
        assertThat(GraphPermissions.isReadOnly("RoleManagement.Read.Directory")).isTrue();
        assertThat(GraphPermissions.isReadOnly("Policy.Read.AuthenticationMethod")).isTrue();
        assertThat(GraphPermissions.isReadOnly("User.ReadBasic.All")).isTrue();
        assertThat(GraphPermissions.isReadOnly("RoleManagement.ReadWrite.Directory")).isFalse();
        assertThat(GraphPermissions.isReadOnly("Policy.ReadWrite.AuthenticationMethod")).isFalse();
        assertThat(GraphPermissions.isReadOnly("Sites.Selected")).isFalse();
    }
}
