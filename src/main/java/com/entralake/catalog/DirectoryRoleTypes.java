package com.entralake.catalog;

/**
 * Who holds which administrative role: the activated directory roles, the role definitions and the role
 * assignments. Least privileged for all three is RoleManagement.Read.Directory (the pages' permission tables);
 * Directory.Read.All is accepted too. None of the pages documents {@code $top}, so Graph's own page size is used.
 */
final class DirectoryRoleTypes {

    /** The page: no OData query parameters ("$filter is not supported"); only activated roles are returned. */
    static final DataType DIRECTORY_ROLES = DataType.builder("directory_roles")
            .summary("Activated directory roles (Global Administrator, ...), one snapshot per day")
            .get(ApiVersion.V1_0, "/directoryRoles").resource("directoryRole")
            .mode(new CollectionMode.Listing())
            .needs("RoleManagement.Read.Directory", "Directory.Read.All", "RoleManagement.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType DIRECTORY_ROLE_DEFINITIONS = DataType.builder("directory_role_definitions")
            .summary("Directory role definitions, built-in and custom, with their permissions, one snapshot per day")
            .get(ApiVersion.V1_0, "/roleManagement/directory/roleDefinitions").resource("unifiedRoleDefinition")
            .mode(new CollectionMode.Listing())
            .needs("RoleManagement.Read.Directory", "Directory.Read.All", "RoleManagement.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /**
     * Role assignments. Unverified: both of the page's examples filter (by role definition or principal); the
     * listing is read unfiltered, as the page's HTTP request shows it.
     */
    static final DataType DIRECTORY_ROLE_ASSIGNMENTS = DataType.builder("directory_role_assignments")
            .summary("Directory role assignments (which principal holds which role, at which scope), one snapshot per day")
            .get(ApiVersion.V1_0, "/roleManagement/directory/roleAssignments").resource("unifiedRoleAssignment")
            .mode(new CollectionMode.Listing())
            .needs("RoleManagement.Read.Directory", "Directory.Read.All", "RoleManagement.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    private DirectoryRoleTypes() {
    }
}
