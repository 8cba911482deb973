package com.entralake.catalog;

/**
 * Identity Protection's detections: risk detections of users, service principals and agents. Events over
 * {@code activityDateTime}, on the identity protection budget (1 request per second per tenant, 429s without
 * {@code Retry-After}). None of the pages states the order Graph returns them in, so they are read unordered
 * (a query is placed once read whole); the operators are documented only for agent risk detections (eq, le, ge)
 * and assumed for the other two (unverified), as are the retentions. A detection's later changes (its risk
 * state, {@code lastUpdatedDateTime}) reach the lake only while its window is read again (late arrivals).
 */
final class IdentityProtectionTypes {

    /** Unverified beyond the page: retention (30 days with P1/P2, 7 without, as the audit logs). */
    private static final GraphRetention DETECTION_RETENTION = GraphRetention.days(30, 7);

    /** Default page size 20, maximum $top 500 (the page); P1 or P2, whose answer without it is not documented. */
    static final DataType RISK_DETECTIONS = DataType.builder("risk_detections")
            .summary("Identity Protection risk detections of users (leaked credentials, unfamiliar sign-ins, ...)")
            .get(ApiVersion.V1_0, "/identityProtection/riskDetections").resource("riskDetection")
            .mode(CollectionMode.TimeWindows.unordered("activityDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .pageSize(500)
            .needs("IdentityRiskEvent.Read.All")
            .licence(Licences.ENTRA_ID_P1_CONDITIONAL_ACCESS).retention(DETECTION_RETENTION)
            .throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    /** The page documents $filter and $select, no $top: Graph's own pages. Workload ID Premium (the page). */
    static final DataType SERVICE_PRINCIPAL_RISK_DETECTIONS = DataType.builder("service_principal_risk_detections")
            .summary("Identity Protection risk detections of service principals (workload identities)")
            .get(ApiVersion.V1_0, "/identityProtection/servicePrincipalRiskDetections")
            .resource("servicePrincipalRiskDetection")
            .mode(CollectionMode.TimeWindows.unordered("activityDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .needs("IdentityRiskEvent.Read.All")
            .licence(Licences.WORKLOAD_IDENTITIES_PREMIUM).retention(DETECTION_RETENTION)
            .throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    /** Beta, global cloud only: default page size 20, maximum 500; activityDateTime eq, le, ge (the resource page). */
    static final DataType AGENT_RISK_DETECTIONS = DataType.builder("agent_risk_detections")
            .summary("Identity Protection risk detections of agents (beta)")
            .get(ApiVersion.BETA, "/identityProtection/agentRiskDetections").resource("agentRiskDetection")
            .mode(CollectionMode.TimeWindows.unordered("activityDateTime",
                    FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
            .pageSize(500)
            .needs("IdentityRiskEvent.Read.All")
            .licence(Licences.ENTRA_ID_P2).retention(DETECTION_RETENTION)
            .throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    private IdentityProtectionTypes() {
    }
}
