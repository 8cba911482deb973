package com.entralake.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every data type Entra Lake knows, by dataset name. The only place a new data type is declared. */
public final class DataTypeCatalog {

    /** Sign-ins and audits: 30 days with P1/P2, 7 on Free (Microsoft's data retention table). */
    private static final GraphRetention AUDIT_LOG_RETENTION = GraphRetention.days(30, 7);

    public static final DataType SIGN_INS = DataType.builder("signins")
            .summary("Interactive user sign-ins")
            .get(ApiVersion.V1_0, "/auditLogs/signIns").resource("signIn")
            .mode(CollectionMode.TimeWindows.newestFirst("createdDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .pageSize(1000)
            .needs("AuditLog.Read.All").needs("Directory.Read.All")
            .licence(Licences.ENTRA_ID_P1_P2).retention(AUDIT_LOG_RETENTION).throttle(ThrottleClass.REPORTS)
            .unique("correlationId")
            .build();

    /**
     * Non-interactive, service-principal and managed-identity sign-ins: Graph serves them only in beta, where the
     * signIn resource has {@code signInEventTypes} (v1.0 has none and returns interactive sign-ins only). One dataset
     * per event type, so each can be selected on its own; the endpoint, order (most recent first), page size (1,000),
     * operators (createdDateTime eq, le, ge in the older copy of the page), permissions and licence are beta signIns'.
     * Unverified: the page has no example filtering on servicePrincipal or managedIdentity.
     */
    private static DataType betaSignIns(String dataset, String eventType, String summary) {
        return DataType.builder(dataset).summary(summary)
                .get(ApiVersion.BETA, "/auditLogs/signIns").resource("signIn_beta")
                .mode(CollectionMode.TimeWindows.newestFirst("createdDateTime",
                        FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
                .filter("signInEventTypes/any(t: t eq '" + eventType + "')")
                .pageSize(1000)
                .needs("AuditLog.Read.All").needs("Directory.Read.All")
                .licence(Licences.ENTRA_ID_P1_P2).retention(AUDIT_LOG_RETENTION).throttle(ThrottleClass.REPORTS)
                .unique("correlationId", "originalRequestId")
                .build();
    }

    public static final DataType SIGN_INS_NON_INTERACTIVE = betaSignIns("sign_ins_non_interactive", "nonInteractiveUser",
            "Non-interactive user sign-ins (token refreshes and sign-ins a client makes on a user's behalf; beta)");

    public static final DataType SIGN_INS_SERVICE_PRINCIPAL = betaSignIns("sign_ins_service_principal", "servicePrincipal",
            "Sign-ins of service principals (apps signing in with their own credentials; beta)");

    public static final DataType SIGN_INS_MANAGED_IDENTITY = betaSignIns("sign_ins_managed_identity", "managedIdentity",
            "Sign-ins of managed identities (Azure resources signing in; beta)");

    public static final DataType DIRECTORY_AUDITS = DataType.builder("directory_audits")
            .summary("Directory audit log: every change to users, groups, apps, roles and policies")
            .get(ApiVersion.V1_0, "/auditLogs/directoryAudits").resource("directoryAudit")
            .mode(CollectionMode.TimeWindows.newestFirst("activityDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .pageSize(1000)
            .needs("AuditLog.Read.All")
            .retention(AUDIT_LOG_RETENTION).throttle(ThrottleClass.REPORTS)
            .unique("correlationId")
            .build();

    /**
     * Users: Graph returns only a default property set unless asked. The select list names every
     * property the list endpoint returns; the ones only a single-user GET returns (aboutMe, skills,
     * mailboxSettings, ...) and signInActivity (P1/P2, smaller pages) are left out on purpose.
     */
    public static final DataType USERS = DataType.builder("users")
            .summary("Every user of the directory, one snapshot per day")
            .get(ApiVersion.V1_0, "/users").resource("user")
            .mode(new CollectionMode.Listing())
            .pageSize(999)
            .select(List.of("id", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "authorizationInfo",
                    "businessPhones", "city", "companyName", "consentProvidedForMinor", "country",
                    "createdDateTime", "creationType", "customSecurityAttributes", "deletedDateTime", "department",
                    "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeOrgData",
                    "employeeType", "externalUserState", "externalUserStateChangeDateTime", "faxNumber",
                    "givenName", "identities", "imAddresses", "isManagementRestricted", "isResourceAccount",
                    "jobTitle", "lastPasswordChangeDateTime", "legalAgeGroupClassification",
                    "licenseAssignmentStates", "mail", "mailNickname", "mobilePhone", "officeLocation",
                    "onPremisesDistinguishedName", "onPremisesDomainName", "onPremisesExtensionAttributes",
                    "onPremisesImmutableId", "onPremisesLastSyncDateTime", "onPremisesProvisioningErrors",
                    "onPremisesSamAccountName", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled",
                    "onPremisesUserPrincipalName", "otherMails", "passwordPolicies", "passwordProfile",
                    "postalCode", "preferredDataLocation", "preferredLanguage", "provisionedPlans",
                    "proxyAddresses", "securityIdentifier", "serviceProvisioningErrors", "showInAddressList",
                    "signInSessionsValidFromDateTime", "state", "streetAddress", "surname", "usageLocation",
                    "userPrincipalName", "userType"))
            .needs("User.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Groups: the default property set of the list endpoint already covers the directory fields. */
    public static final DataType GROUPS = DataType.builder("groups")
            .summary("Every group of the directory, one snapshot per day")
            .get(ApiVersion.V1_0, "/groups").resource("group")
            .mode(new CollectionMode.Listing())
            .pageSize(999)
            .needs("Group.Read.All", "GroupMember.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /**
     * Provisioning logs. Unverified (graph-data-types.md "U"): the page size (1000, as the other audit logs),
     * Directory.Read.All beside AuditLog.Read.All (the page's permission table was not found; asking for one read
     * permission too many is harmless), and the licence answer (sign-ins' 403). The page lists eq, gt and lt.
     */
    public static final DataType PROVISIONING_LOGS = DataType.builder("provisioning_logs")
            .summary("Provisioning log: what Entra provisioning created, updated or deleted in connected apps and HR sources")
            .get(ApiVersion.V1_0, "/auditLogs/provisioning").resource("provisioningObjectSummary")
            .mode(CollectionMode.TimeWindows.newestFirst("activityDateTime",
                    FilterOperator.EQ, FilterOperator.GT, FilterOperator.LT))
            .pageSize(1000)
            .needs("AuditLog.Read.All").needs("Directory.Read.All")
            .licence(Licences.ENTRA_ID_P1_P2).retention(GraphRetention.days(30, 30)).throttle(ThrottleClass.REPORTS)
            .unique("changeId")
            .build();

    /** Registration details: the page documents only $filter and $orderBy, so no $top; licence answer unverified. */
    public static final DataType USER_REGISTRATION_DETAILS = DataType.builder("user_registration_details")
            .summary("Each user's registered authentication methods and MFA capability, one snapshot per day")
            .get(ApiVersion.V1_0, "/reports/authenticationMethods/userRegistrationDetails")
            .resource("userRegistrationDetails").mode(new CollectionMode.Listing())
            .needs("AuditLog.Read.All")
            .licence(Licences.ENTRA_ID_P1_P2).throttle(ThrottleClass.REPORTS)
            .build();

    public static final DataType APPLICATIONS = DataType.builder("applications")
            .summary("Every app registration of the directory, one snapshot per day")
            .get(ApiVersion.V1_0, "/applications").resource("application").mode(new CollectionMode.Listing())
            .pageSize(999)
            .needs("Application.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Service principals: the page states no page size; 999 is the directory's (unverified for this endpoint). */
    public static final DataType SERVICE_PRINCIPALS = DataType.builder("service_principals")
            .summary("Every service principal (enterprise app, managed identity, agent identity) of the directory,"
                    + " one snapshot per day")
            .get(ApiVersion.V1_0, "/servicePrincipals").resource("servicePrincipal").mode(new CollectionMode.Listing())
            .pageSize(999)
            .needs("Application.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Devices: the page states no page size; 999 is the directory's (unverified for this endpoint). */
    public static final DataType DEVICES = DataType.builder("devices")
            .summary("Every device registered or joined to the directory, one snapshot per day")
            .get(ApiVersion.V1_0, "/devices").resource("device").mode(new CollectionMode.Listing())
            .pageSize(999)
            .needs("Device.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Domains: the page names no query option, so no $top. */
    public static final DataType DOMAINS = DataType.builder("domains")
            .summary("The tenant's domains and their verification state, one snapshot per day")
            .get(ApiVersion.V1_0, "/domains").resource("domain").mode(new CollectionMode.Listing())
            .needs("Domain.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Subscribed SKUs: only $select is documented, so no $top. */
    public static final DataType SUBSCRIBED_SKUS = DataType.builder("subscribed_skus")
            .summary("The tenant's licence subscriptions and how many units are assigned, one snapshot per day")
            .get(ApiVersion.V1_0, "/subscribedSkus").resource("subscribedSku").mode(new CollectionMode.Listing())
            .needs("Organization.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** OAuth2 permission grants (delegated consents): the page states no page size, so no $top. */
    public static final DataType OAUTH2_PERMISSION_GRANTS = DataType.builder("oauth2_permission_grants")
            .summary("Delegated permission grants (user and admin consents to apps), one snapshot per day")
            .get(ApiVersion.V1_0, "/oauth2PermissionGrants").resource("oAuth2PermissionGrant")
            .mode(new CollectionMode.Listing())
            .needs("Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Conditional access policies: $top is documented but not its maximum, so Graph's own page size is used. */
    public static final DataType CONDITIONAL_ACCESS_POLICIES = DataType.builder("conditional_access_policies")
            .summary("Conditional access policies, one snapshot per day")
            .get(ApiVersion.V1_0, "/identity/conditionalAccess/policies").resource("conditionalAccessPolicy")
            .mode(new CollectionMode.Listing())
            .needs("Policy.Read.All")
            .licence(Licences.ENTRA_ID_P1_CONDITIONAL_ACCESS).throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    public static final DataType NAMED_LOCATIONS = DataType.builder("named_locations")
            .summary("Conditional access named locations (IP ranges and countries), one snapshot per day")
            .get(ApiVersion.V1_0, "/identity/conditionalAccess/namedLocations").resource("namedLocation")
            .mode(new CollectionMode.Listing())
            .needs("Policy.Read.All")
            .licence(Licences.ENTRA_ID_P1_CONDITIONAL_ACCESS).throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    public static final DataType RISKY_USERS = DataType.builder("risky_users")
            .summary("Users Identity Protection considers at risk, with their risk level and state, one snapshot per day")
            .get(ApiVersion.V1_0, "/identityProtection/riskyUsers").resource("riskyUser")
            .mode(new CollectionMode.Listing())
            .needs("IdentityRiskyUser.Read.All")
            .licence(Licences.ENTRA_ID_P2).throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    /**
     * The organization: one row, but Graph serves it as a collection. The include names Directory.Read.All as
     * least privileged; Organization.Read.All (subscribedSkus' least privileged) is accepted too.
     */
    public static final DataType ORGANIZATION = DataType.builder("organization")
            .summary("The tenant's organization object (name, tenant type, verified domains, assigned plans),"
                    + " one row per day")
            .get(ApiVersion.V1_0, "/organization").resource("organization").mode(new CollectionMode.Listing())
            .needs("Directory.Read.All", "Organization.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Risky service principals: Workload ID Premium; $top is documented without a maximum, so Graph's page size. */
    public static final DataType RISKY_SERVICE_PRINCIPALS = DataType.builder("risky_service_principals")
            .summary("Service principals Identity Protection considers at risk, one snapshot per day")
            .get(ApiVersion.V1_0, "/identityProtection/riskyServicePrincipals").resource("riskyServicePrincipal")
            .mode(new CollectionMode.Listing())
            .needs("IdentityRiskyServicePrincipal.Read.All")
            .licence(Licences.WORKLOAD_IDENTITIES_PREMIUM).throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    private static final Map<String, DataType> BUILT_IN = new LinkedHashMap<>();
    private static volatile Map<String, DataType> byDataset;

    static {
        for (DataType type : List.of(SIGN_INS, DIRECTORY_AUDITS, PROVISIONING_LOGS, USERS, GROUPS,
                USER_REGISTRATION_DETAILS, APPLICATIONS, SERVICE_PRINCIPALS, DEVICES, DOMAINS, SUBSCRIBED_SKUS, OAUTH2_PERMISSION_GRANTS,
                CONDITIONAL_ACCESS_POLICIES, NAMED_LOCATIONS, RISKY_USERS, ORGANIZATION,
                DirectoryRoleTypes.DIRECTORY_ROLES, DirectoryRoleTypes.DIRECTORY_ROLE_DEFINITIONS,
                DirectoryRoleTypes.DIRECTORY_ROLE_ASSIGNMENTS, PolicyTypes.AUTHENTICATION_STRENGTH_POLICIES,
                PolicyTypes.AUTHORIZATION_POLICY, PolicyTypes.AUTHENTICATION_METHODS_POLICY, PolicyTypes.SECURITY_DEFAULTS,
                PolicyTypes.CROSS_TENANT_ACCESS_POLICY, RISKY_SERVICE_PRINCIPALS, IntuneTypes.MANAGED_DEVICES,
                IntuneTypes.MOBILE_APPS, IntuneTypes.DEVICE_CONFIGURATIONS, IntuneTypes.COMPLIANCE_POLICIES,
                SIGN_INS_NON_INTERACTIVE, SIGN_INS_SERVICE_PRINCIPAL, SIGN_INS_MANAGED_IDENTITY,
                AgentTypes.AGENT_IDENTITIES, AgentTypes.AGENT_IDENTITY_BLUEPRINTS, AgentTypes.AGENT_BLUEPRINT_PRINCIPALS,
                AgentTypes.AGENT_USERS, AgentTypes.RISKY_AGENTS, AgentTypes.AGENT_INSTANCES,
                AgentTypes.AGENT_CARD_MANIFESTS, IdentityProtectionTypes.RISK_DETECTIONS,
                IdentityProtectionTypes.SERVICE_PRINCIPAL_RISK_DETECTIONS, IdentityProtectionTypes.AGENT_RISK_DETECTIONS)) {
            BUILT_IN.put(type.dataset(), type);
        }
        byDataset = Map.copyOf(BUILT_IN);
    }

    private DataTypeCatalog() {
    }

    /** Every data type, built-in first, in catalogue order. */
    public static List<DataType> all() {
        List<DataType> all = new java.util.ArrayList<>(BUILT_IN.values());
        byDataset.values().stream().filter(t -> !BUILT_IN.containsKey(t.dataset())).sorted(
                java.util.Comparator.comparing(DataType::dataset)).forEach(all::add);
        return List.copyOf(all);
    }

    /** The data types Entra Lake ships with (what the documentation describes). */
    public static List<DataType> builtIn() {
        return List.copyOf(BUILT_IN.values());
    }

    public static Optional<DataType> byDataset(String dataset) {
        return Optional.ofNullable(byDataset.get(dataset));
    }

    /**
     * Adds a data type until the returned handle is closed: how a test proves that a catalogue entry and sample
     * data, with no other code, are collected end to end (and how an embedding could add its own). The entry
     * must not reuse a dataset name.
     */
    public static synchronized Extension extend(DataType type) {
        if (byDataset.containsKey(type.dataset())) {
            throw new IllegalArgumentException("the catalogue already has " + type.dataset());
        }
        Map<String, DataType> next = new LinkedHashMap<>(byDataset);
        next.put(type.dataset(), type);
        byDataset = Map.copyOf(next);
        return () -> remove(type.dataset());
    }

    private static synchronized void remove(String dataset) {
        Map<String, DataType> next = new LinkedHashMap<>(byDataset);
        next.remove(dataset);
        byDataset = Map.copyOf(next);
    }

    /** An added data type; closing removes it again. */
    public interface Extension extends AutoCloseable {
        @Override
        void close();
    }
}
