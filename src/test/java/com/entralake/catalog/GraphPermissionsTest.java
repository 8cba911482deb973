package com.entralake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphPermissionsTest {

    @Test
    void everyPermissionOfEveryDataTypeHasAKnownAppRoleId() {
        for (DataType type : DataTypeCatalog.all()) {
            for (String permission : type.permissions()) {
                assertThat(GraphPermissions.appRoleId(permission))
                        .as("app role id of %s (needed by %s)", permission, type.dataset())
                        .isPresent();
            }
        }
    }

    @Test
    void tableHoldsEveryIdOfTheReferenceAndOnlyReadPermissions() {
        assertThat(GraphPermissions.all()).hasSize(17)
                .containsEntry("AuditLog.Read.All", "b0afded3-3588-46d8-8b3d-9842eff778da")
                .containsEntry("Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61")
                .containsEntry("User.Read.All", "df021288-bdef-4463-88db-98f22de89214")
                .containsEntry("Group.Read.All", "5b567255-7703-4780-807c-7be8301ae99b")
                .containsEntry("MailboxSettings.Read", "40f97065-369a-49f4-947c-6a255697ae91")
                .containsEntry("Synchronization.Read.All", "5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce");
        assertThat(GraphPermissions.all().values()).doesNotHaveDuplicates();
        GraphPermissions.all().keySet().forEach(p -> assertThat(GraphPermissions.isReadOnly(p)).as(p).isTrue());
    }

    @Test
    void idsThatWereNotFoundAreUnknownNotInvented() {
        assertThat(GraphPermissions.appRoleId("AgentInstance.Read.All")).isEmpty();
        assertThat(GraphPermissions.appRoleId("IdentityRiskyAgent.Read.All")).isEmpty();
    }

    @Test
    void writePermissionsFailFast() {
        assertThatThrownBy(() -> GraphPermissions.requireReadOnly("User.ReadWrite.All"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("User.ReadWrite.All");
        assertThatThrownBy(() -> GraphPermissions.requireReadOnly("Directory.AccessAsUser.All"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(GraphPermissions.requireReadOnly("MailboxSettings.Read")).isEqualTo("MailboxSettings.Read");
    }
}
