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
            .build();

    public static final DataType DIRECTORY_AUDITS = DataType.builder("directory_audits")
            .summary("Directory audit log: every change to users, groups, apps, roles and policies")
            .get(ApiVersion.V1_0, "/auditLogs/directoryAudits").resource("directoryAudit")
            .mode(CollectionMode.TimeWindows.newestFirst("activityDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .pageSize(1000)
            .needs("AuditLog.Read.All")
            .retention(AUDIT_LOG_RETENTION).throttle(ThrottleClass.REPORTS)
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

    private static final Map<String, DataType> BUILT_IN = new LinkedHashMap<>();
    private static volatile Map<String, DataType> byDataset;

    static {
        for (DataType type : List.of(SIGN_INS, DIRECTORY_AUDITS, USERS, GROUPS)) {
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
