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
    static final DataType RISK_DETECTIONS = detections("risk_detections", ApiVersion.V1_0, "riskDetections",
            "riskDetection", Licences.ENTRA_ID_P1_CONDITIONAL_ACCESS)
            .summary("Identity Protection risk detections of users (leaked credentials, unfamiliar sign-ins, ...)")
            .pageSize(500)
            .unique("requestId", "correlationId")
            .build();

    /** The page documents $filter and $select, no $top: Graph's own pages. Workload ID Premium (the page). */
    static final DataType SERVICE_PRINCIPAL_RISK_DETECTIONS = detections("service_principal_risk_detections",
            ApiVersion.V1_0, "servicePrincipalRiskDetections", "servicePrincipalRiskDetection",
            Licences.WORKLOAD_IDENTITIES_PREMIUM)
            .summary("Identity Protection risk detections of service principals (workload identities)")
            .unique("requestId", "correlationId")
            .build();

    /** Beta, global cloud only: default page size 20, maximum 500; activityDateTime eq, le, ge (the resource page). */
    static final DataType AGENT_RISK_DETECTIONS = detections("agent_risk_detections", ApiVersion.BETA,
            "agentRiskDetections", "agentRiskDetection", Licences.ENTRA_ID_P2)
            .summary("Identity Protection risk detections of agents (beta)")
            .pageSize(500)
            .build();

    /**
     * What the three detection types share: {@code /identityProtection/<collection>} read unordered over
     * {@code activityDateTime} (eq, le, ge), {@code IdentityRiskEvent.Read.All}, the detections' retention and the
     * identity protection budget; they differ in API version, licence, page size and summary.
     */
    private static DataType.Builder detections(String dataset, ApiVersion version, String collection,
            String resourceType, Licence licence) {
        return DataType.builder(dataset)
                .get(version, "/identityProtection/" + collection).resource(resourceType)
                .mode(CollectionMode.TimeWindows.unordered("activityDateTime",
                        FilterOperator.GE, FilterOperator.LE, FilterOperator.EQ))
                .needs("IdentityRiskEvent.Read.All")
                .licence(licence).retention(DETECTION_RETENTION)
                .throttle(ThrottleClass.IDENTITY_PROTECTION);
    }

    private IdentityProtectionTypes() {
    }
}
