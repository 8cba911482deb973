package com.entralake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.entralake.schema.GraphSchemaCatalog;

/** Every catalogue entry is a whole description that agrees with the schema file and the permission tables. */
class DataTypeCatalogTest {

    private final GraphSchemaCatalog schemas = GraphSchemaCatalog.load();

    @Test
    void everyEntryNamesAResourceTypeOfTheSchemaFileAndOnlyItsProperties() {
        for (DataType type : DataTypeCatalog.all()) {
            Map<String, String> properties = schemas.properties(type.resourceType());
            assertThat(properties).as("%s: resource type %s in the schema file", type.dataset(), type.resourceType())
                    .isNotEmpty().containsKey("id");
            assertThat(properties.keySet()).as("%s: $select", type.dataset()).containsAll(type.select());
            assertThat(properties.keySet()).as("%s: unique columns", type.dataset()).containsAll(type.uniqueColumns());
            type.timeWindows().ifPresent(windows -> assertThat(properties.get(windows.timeProperty()))
                    .as("%s: time property %s", type.dataset(), windows.timeProperty())
                    .startsWith("Edm.DateTimeOffset"));
        }
    }

    @Test
    void datasetsAndPathsAreUniqueUnlessAFixedFilterTellsThemApart() {
        Set<String> datasets = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (DataType type : DataTypeCatalog.all()) {
            assertThat(datasets.add(type.dataset())).as("dataset %s once", type.dataset()).isTrue();
            assertThat(endpoints.add(type.graphPath() + "|" + type.fixedFilter()))
                    .as("%s reads what another type reads", type.dataset()).isTrue();
            assertThat(DataTypeCatalog.byDataset(type.dataset())).contains(type);
        }
    }

    @Test
    void everyPermissionIsReadOnlyWithAKnownAppRoleIdAndEveryLicenceSaysHowGraphRefuses() {
        for (DataType type : DataTypeCatalog.all()) {
            for (PermissionNeed need : type.permissions()) {
                assertThat(GraphPermissions.appRoleId(need.leastPrivileged())).as("%s: %s", type.dataset(),
                        need.leastPrivileged()).isPresent();
                assertThat(need.alsoAccepted()).allSatisfy(p -> assertThat(GraphPermissions.isReadOnly(p)).isTrue());
            }
            if (type.licence().isNeeded()) {
                assertThat(type.licence().refusals()).as("%s: how Graph says %s is missing", type.dataset(),
                        type.licence().name()).isNotEmpty();
            }
            assertThat(type.summary()).as("%s: summary for the docs", type.dataset()).isNotBlank();
        }
    }

    @Test
    void anIncompleteEntryFailsWhenTheCatalogueLoads() {
        DataType.Builder noRetention = DataType.builder("events_without_retention").get(ApiVersion.V1_0, "/things")
                .resource("thing").mode(CollectionMode.TimeWindows.newestFirst("createdDateTime",
                        FilterOperator.GE, FilterOperator.LE))
                .pageSize(100).needs("AuditLog.Read.All").throttle(ThrottleClass.REPORTS);
        assertThatThrownBy(noRetention::build).hasMessageContaining("retention");
        assertThatThrownBy(() -> CollectionMode.TimeWindows.newestFirst("activityDateTime", FilterOperator.EQ))
                .hasMessageContaining("ge and le, or gt and lt");
        assertThatThrownBy(() -> DataType.builder("versioned").get(ApiVersion.V1_0, "/v1.0/things").resource("thing")
                .mode(new CollectionMode.Listing()).pageSize(100).needs("User.Read.All")
                .throttle(ThrottleClass.DIRECTORY).build()).hasMessageContaining("without the API version");
        assertThatThrownBy(() -> DataType.builder("no_permission").get(ApiVersion.V1_0, "/things").resource("thing")
                .mode(new CollectionMode.Listing()).pageSize(100).throttle(ThrottleClass.DIRECTORY).build())
                .hasMessageContaining("permission");
    }

    @Test
    void aBroaderPermissionMeetsANeed() {
        assertThat(DataTypeCatalog.USERS.missingPermissions(Set.of("Directory.Read.All"))).isEmpty();
        assertThat(DataTypeCatalog.USERS.missingPermissions(Set.of("Group.Read.All"))).containsExactly("User.Read.All");
        assertThat(DataTypeCatalog.SIGN_INS.missingPermissions(Set.of("AuditLog.Read.All")))
                .containsExactly("Directory.Read.All");
    }
}
