package com.entralake.catalog;

/**
 * The tenant's policies that are not conditional access: authentication strengths (a listing) and the four
 * tenant-wide policies Graph serves as single objects. Facts from the API reference pages (ENDPOINT-FACTS.md in
 * the test resources); the pages name no throttle class, so the directory's budget is assumed (unverified).
 */
final class PolicyTypes {

    /**
     * Authentication strengths, built-in and custom. The list page documents only {@code $filter} (on policyType
     * and policyName), so no {@code $top}; its permission table was not found: Policy.Read.All, which the get page
     * accepts, is asked for (the get page's least privileged, Policy.Read.AuthenticationMethod, has no id in the
     * permissions table Entra Lake copies).
     */
    static final DataType AUTHENTICATION_STRENGTH_POLICIES = DataType.builder("authentication_strength_policies")
            .summary("Authentication strengths (which method combinations satisfy MFA), one snapshot per day")
            .get(ApiVersion.V1_0, "/policies/authenticationStrengthPolicies").resource("authenticationStrengthPolicy")
            .mode(new CollectionMode.Listing())
            .needs("Policy.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType AUTHORIZATION_POLICY = DataType.builder("authorization_policy")
            .summary("The tenant's authorization policy (who may invite guests, consent to apps, create tenants),"
                    + " one row per day")
            .get(ApiVersion.V1_0, "/policies/authorizationPolicy").resource("authorizationPolicy")
            .mode(new CollectionMode.SingleObject())
            .needs("Policy.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /**
     * The authentication methods policy. The stored page lists only Policy.ReadWrite.AuthenticationMethod, the
     * current one Policy.Read.AuthenticationMethod as least privileged and Policy.Read.All as higher: Entra Lake asks
     * for Policy.Read.All, which its other policies need anyway.
     */
    static final DataType AUTHENTICATION_METHODS_POLICY = DataType.builder("authentication_methods_policy")
            .summary("The tenant's authentication methods policy (which methods are enabled, for whom), one row per day")
            .get(ApiVersion.V1_0, "/policies/authenticationMethodsPolicy").resource("authenticationMethodsPolicy")
            .mode(new CollectionMode.SingleObject())
            .needs("Policy.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType SECURITY_DEFAULTS = DataType.builder("security_defaults")
            .summary("Whether security defaults are enforced, one row per day")
            .get(ApiVersion.V1_0, "/policies/identitySecurityDefaultsEnforcementPolicy")
            .resource("identitySecurityDefaultsEnforcementPolicy")
            .mode(new CollectionMode.SingleObject())
            .needs("Policy.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /**
     * The cross-tenant access policy (its default and partner settings are separate resources, not read here). The
     * page's example wraps the object in {@code "value"}; a single-object GET answers with the object itself.
     */
    static final DataType CROSS_TENANT_ACCESS_POLICY = DataType.builder("cross_tenant_access_policy")
            .summary("The tenant's cross-tenant access policy (allowed cloud endpoints), one row per day")
            .get(ApiVersion.V1_0, "/policies/crossTenantAccessPolicy").resource("crossTenantAccessPolicy")
            .mode(new CollectionMode.SingleObject())
            .needs("Policy.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    private PolicyTypes() {
    }
}
