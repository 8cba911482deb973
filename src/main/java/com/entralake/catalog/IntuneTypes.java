package com.entralake.catalog;

/**
 * Intune's inventory: managed devices, apps, device configurations and compliance policies. Every page says "The
 * Microsoft Graph API for Intune requires an active Intune license for the tenant" and documents no query options,
 * so no {@code $top}. Intune has its own budget (1,000 requests per 20 s per app and tenant). The resources are
 * abstract ({@code mobileApp}, {@code deviceConfiguration}, {@code deviceCompliancePolicy}): the typed columns are
 * the base type's properties, and {@code raw_json} keeps each platform's own.
 */
final class IntuneTypes {

    static final DataType MANAGED_DEVICES = DataType.builder("intune_managed_devices")
            .summary("Devices managed by Intune, with compliance and ownership, one snapshot per day")
            .get(ApiVersion.V1_0, "/deviceManagement/managedDevices").resource("managedDevice")
            .mode(new CollectionMode.Listing())
            .needs("DeviceManagementManagedDevices.Read.All")
            .licence(Licences.INTUNE).throttle(ThrottleClass.INTUNE)
            .build();

    static final DataType MOBILE_APPS = DataType.builder("intune_mobile_apps")
            .summary("Apps Intune deploys and manages, one snapshot per day")
            .get(ApiVersion.V1_0, "/deviceAppManagement/mobileApps").resource("mobileApp")
            .mode(new CollectionMode.Listing())
            .needs("DeviceManagementApps.Read.All")
            .licence(Licences.INTUNE).throttle(ThrottleClass.INTUNE)
            .build();

    static final DataType DEVICE_CONFIGURATIONS = DataType.builder("intune_device_configurations")
            .summary("Intune device configuration profiles, one snapshot per day")
            .get(ApiVersion.V1_0, "/deviceManagement/deviceConfigurations").resource("deviceConfiguration")
            .mode(new CollectionMode.Listing())
            .needs("DeviceManagementConfiguration.Read.All")
            .licence(Licences.INTUNE).throttle(ThrottleClass.INTUNE)
            .build();

    static final DataType COMPLIANCE_POLICIES = DataType.builder("intune_compliance_policies")
            .summary("Intune device compliance policies, one snapshot per day")
            .get(ApiVersion.V1_0, "/deviceManagement/deviceCompliancePolicies").resource("deviceCompliancePolicy")
            .mode(new CollectionMode.Listing())
            .needs("DeviceManagementConfiguration.Read.All")
            .licence(Licences.INTUNE).throttle(ThrottleClass.INTUNE)
            .build();

    private IntuneTypes() {
    }
}
