package com.entralake.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every data type Entra Lake knows, by dataset name. The only place a new data type is declared. */
public final class DataTypeCatalog {

    private static final String P1_P2 = "Microsoft Entra ID P1 or P2";

    public static final DataType SIGN_INS = new DataType(
            "signins", "/v1.0/auditLogs/signIns", DataKind.EVENTS, "createdDateTime", "signIn",
            1000, List.of(), List.of("AuditLog.Read.All", "Directory.Read.All"), P1_P2);

    public static final DataType DIRECTORY_AUDITS = new DataType(
            "directory_audits", "/v1.0/auditLogs/directoryAudits", DataKind.EVENTS, "activityDateTime",
            "directoryAudit", 1000, List.of(), List.of("AuditLog.Read.All"), null);

    /**
     * Users: Graph returns only a default property set unless asked. The select list names every
     * property the list endpoint returns; the ones only a single-user GET returns (aboutMe, skills,
     * mailboxSettings, ...) and signInActivity (P1/P2, smaller pages) are left out on purpose.
     */
    public static final DataType USERS = new DataType(
            "users", "/v1.0/users", DataKind.SNAPSHOT, null, "user", 999,
            List.of("id", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "authorizationInfo",
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
                    "userPrincipalName", "userType"),
            List.of("User.Read.All"), null);

    /** Groups: the default property set of the list endpoint already covers the directory fields. */
    public static final DataType GROUPS = new DataType(
            "groups", "/v1.0/groups", DataKind.SNAPSHOT, null, "group", 999,
            List.of(), List.of("Group.Read.All"), null);

    private static final Map<String, DataType> BY_DATASET = new LinkedHashMap<>();

    static {
        for (DataType type : List.of(SIGN_INS, DIRECTORY_AUDITS, USERS, GROUPS)) {
            BY_DATASET.put(type.dataset(), type);
        }
    }

    private DataTypeCatalog() {
    }

    public static List<DataType> all() {
        return List.copyOf(BY_DATASET.values());
    }

    public static Optional<DataType> byDataset(String dataset) {
        return Optional.ofNullable(BY_DATASET.get(dataset));
    }
}
