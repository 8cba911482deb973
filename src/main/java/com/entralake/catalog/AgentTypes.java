package com.entralake.catalog;

/**
 * Microsoft Entra Agent ID: the agent identities, blueprints, blueprint principals and agent users of the directory
 * (v1.0, cast segments of the service principal, application and user listings, whose pages document a default and
 * maximum page size of 100 — agent users 999), the risky agents of Identity Protection, and the Agent Registry's
 * instances and card manifests (beta). Microsoft says the Agent Registry APIs in Graph are replaced by those of
 * Microsoft Agent 365 from May 2026: a beta endpoint that answers 400, 404 or 410 makes its type "not applicable"
 * for the run, never a failure of the others. Throttle classes are not documented for any of them (unverified).
 */
final class AgentTypes {

    /** The include names AgentIdentity.Read.All least privileged; Application.Read.All is accepted too. */
    static final DataType AGENT_IDENTITIES = DataType.builder("agent_identities")
            .summary("Agent identities (the service principals AI agents sign in as), one snapshot per day")
            .get(ApiVersion.V1_0, "/servicePrincipals/microsoft.graph.agentIdentity").resource("agentIdentity")
            .mode(new CollectionMode.Listing()).pageSize(100)
            .needs("AgentIdentity.Read.All", "Application.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType AGENT_IDENTITY_BLUEPRINTS = DataType.builder("agent_identity_blueprints")
            .summary("Agent identity blueprints (the app registrations agent identities are made from), one snapshot"
                    + " per day")
            .get(ApiVersion.V1_0, "/applications/microsoft.graph.agentIdentityBlueprint").resource("agentIdentityBlueprint")
            .mode(new CollectionMode.Listing()).pageSize(100)
            .needs("AgentIdentityBlueprint.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType AGENT_BLUEPRINT_PRINCIPALS = DataType.builder("agent_blueprint_principals")
            .summary("Agent identity blueprint principals (a blueprint's service principal in the tenant), one snapshot"
                    + " per day")
            .get(ApiVersion.V1_0, "/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal")
            .resource("agentIdentityBlueprintPrincipal")
            .mode(new CollectionMode.Listing()).pageSize(100)
            .needs("AgentIdentityBlueprintPrincipal.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Least privileged User.ReadBasic.All; User.Read.All and Directory.Read.All, which users need, are accepted. */
    static final DataType AGENT_USERS = DataType.builder("agent_users")
            .summary("Agent users (user accounts of AI agents), one snapshot per day")
            .get(ApiVersion.V1_0, "/users/microsoft.graph.agentUser").resource("agentUser")
            .mode(new CollectionMode.Listing()).pageSize(999)
            .needs("User.ReadBasic.All", "User.Read.All", "Directory.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    /** Beta, global cloud only; P2 while in preview (Entra docs); the page documents no $top. */
    static final DataType RISKY_AGENTS = DataType.builder("risky_agents")
            .summary("Agents Identity Protection considers at risk (beta), one snapshot per day")
            .get(ApiVersion.BETA, "/identityProtection/riskyAgents").resource("riskyAgent")
            .mode(new CollectionMode.Listing())
            .needs("IdentityRiskyAgent.Read.All")
            .licence(Licences.ENTRA_ID_P2).throttle(ThrottleClass.IDENTITY_PROTECTION)
            .build();

    static final DataType AGENT_INSTANCES = DataType.builder("agent_instances")
            .summary("Agent Registry instances (beta; being replaced by Agent 365 from May 2026), one snapshot per day")
            .get(ApiVersion.BETA, "/agentRegistry/agentInstances").resource("agentInstance")
            .mode(new CollectionMode.Listing())
            .needs("AgentInstance.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    static final DataType AGENT_CARD_MANIFESTS = DataType.builder("agent_card_manifests")
            .summary("Agent Registry card manifests (beta; being replaced by Agent 365 from May 2026), one snapshot per"
                    + " day")
            .get(ApiVersion.BETA, "/agentRegistry/agentCardManifests").resource("agentCardManifest")
            .mode(new CollectionMode.Listing())
            .needs("AgentCardManifest.Read.All")
            .throttle(ThrottleClass.DIRECTORY)
            .build();

    private AgentTypes() {
    }
}
