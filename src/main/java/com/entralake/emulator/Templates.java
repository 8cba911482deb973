package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Building blocks for generated sign-ins and directory audits (users, groups, apps, locations, devices, CA policies,
 * status codes, audit activities), loaded from a sample-data directory (see sample-data/README.md).
 */
public final class Templates {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> users;
    private final List<ObjectNode> groups;
    private final JsonNode signIn;
    private final JsonNode audit;
    private final int statusWeightTotal;

    private Templates(List<ObjectNode> users, List<ObjectNode> groups, JsonNode signIn, JsonNode audit) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("templates need at least one user");
        }
        this.users = users;
        this.groups = groups;
        this.signIn = signIn;
        this.audit = audit;
        int w = 0;
        for (JsonNode s : signIn.get("statuses")) {
            w += s.path("weight").asInt(1);
        }
        this.statusWeightTotal = w;
    }

    public static Templates load(Path sampleData) {
        try {
            return new Templates(values(sampleData.resolve("users.json")), values(sampleData.resolve("groups.json")),
                    JSON.readTree(Files.readAllBytes(sampleData.resolve("signin-templates.json"))),
                    JSON.readTree(Files.readAllBytes(sampleData.resolve("audit-templates.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load sample data from " + sampleData, e);
        }
    }

    static List<ObjectNode> values(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        List<ObjectNode> out = new ArrayList<>();
        root.get("value").forEach(n -> out.add((ObjectNode) n));
        return out;
    }

    public List<ObjectNode> users() {
        return users;
    }

    public List<ObjectNode> groups() {
        return groups;
    }

    private static JsonNode pick(JsonNode array, SplittableRandom r) {
        return array.get(r.nextInt(array.size()));
    }

    private static String guid(SplittableRandom r) {
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** A v1.0 signIn. */
    public ObjectNode signIn(long index, String id, Instant time, SplittableRandom r) {
        ObjectNode user = users.get(r.nextInt(users.size()));
        JsonNode app = pick(signIn.get("apps"), r);
        JsonNode loc = pick(signIn.get("locations"), r);
        JsonNode dev = pick(signIn.get("devices"), r);
        int w = r.nextInt(statusWeightTotal);
        JsonNode status = null;
        for (JsonNode s : signIn.get("statuses")) {
            w -= s.path("weight").asInt(1);
            if (w < 0) {
                status = s;
                break;
            }
        }
        int errorCode = status.get("errorCode").asInt();
        boolean risky = r.nextInt(50) == 0;
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("createdDateTime", WireTime.format(time));
        o.put("userDisplayName", user.path("displayName").asText());
        o.put("userPrincipalName", user.path("userPrincipalName").asText());
        o.put("userId", user.path("id").asText());
        o.put("appId", app.get("appId").asText());
        o.put("appDisplayName", app.get("appDisplayName").asText());
        o.put("ipAddress", loc.get("ipPrefix").asText() + (1 + r.nextInt(254)));
        o.put("clientAppUsed", app.get("clientAppUsed").asText());
        o.put("correlationId", guid(r));
        o.put("conditionalAccessStatus", errorCode == 53003 ? "failure" : r.nextBoolean() ? "success" : "notApplied");
        o.put("isInteractive", true);
        o.put("riskDetail", "none");
        o.put("riskLevelAggregated", risky ? "medium" : "none");
        o.put("riskLevelDuringSignIn", risky ? "medium" : "none");
        o.put("riskState", risky ? "atRisk" : "none");
        ArrayNode ret = o.putArray("riskEventTypes");
        ArrayNode ret2 = o.putArray("riskEventTypes_v2");
        if (risky) {
            String rt = pick(signIn.get("riskEventTypes"), r).asText();
            ret.add(rt);
            ret2.add(rt);
        }
        o.put("resourceDisplayName", app.get("resourceDisplayName").asText());
        o.put("resourceId", app.get("resourceId").asText());
        ObjectNode st = o.putObject("status");
        st.put("errorCode", errorCode);
        st.set("failureReason", status.get("failureReason"));
        st.set("additionalDetails", status.get("additionalDetails"));
        ObjectNode dd = o.putObject("deviceDetail");
        boolean managed = r.nextInt(3) == 0;
        dd.put("deviceId", managed ? guid(r) : "");
        if (managed) {
            dd.put("displayName", "FAB-" + Integer.toHexString(r.nextInt(0xFFFF)).toUpperCase());
        } else {
            dd.putNull("displayName");
        }
        dd.put("operatingSystem", dev.get("operatingSystem").asText());
        dd.put("browser", dev.get("browser").asText());
        if (managed) {
            dd.put("isCompliant", true);
            dd.put("isManaged", true);
            dd.put("trustType", "Azure AD joined");
        } else {
            dd.putNull("isCompliant");
            dd.putNull("isManaged");
            dd.putNull("trustType");
        }
        ObjectNode l = o.putObject("location");
        l.put("city", loc.get("city").asText());
        l.put("state", loc.get("state").asText());
        l.put("countryOrRegion", loc.get("countryOrRegion").asText());
        ObjectNode g = l.putObject("geoCoordinates");
        g.putNull("altitude");
        g.put("latitude", loc.get("latitude").asDouble());
        g.put("longitude", loc.get("longitude").asDouble());
        ArrayNode ca = o.putArray("appliedConditionalAccessPolicies");
        for (JsonNode p : signIn.get("conditionalAccessPolicies")) {
            ObjectNode c = ca.addObject();
            c.put("id", p.get("id").asText());
            c.put("displayName", p.get("displayName").asText());
            ArrayNode eg = c.putArray("enforcedGrantControls");
            c.putArray("enforcedSessionControls");
            String result;
            if (errorCode == 53003 && p.get("enforcedGrantControls").toString().contains("Block")) {
                result = "failure";
                eg.addAll((ArrayNode) p.get("enforcedGrantControls"));
            } else if (p.get("enforcedGrantControls").toString().contains("Mfa")) {
                result = errorCode == 50074 ? "failure" : "success";
                eg.addAll((ArrayNode) p.get("enforcedGrantControls"));
            } else {
                result = "notApplied";
            }
            c.put("result", result);
        }
        return o;
    }

    /**
     * The re-published version of a sign-in: risk re-evaluated (remediated) and, for an MFA interrupt, the MFA
     * completed; Entra re-publishes sign-ins when such details settle.
     */
    public static ObjectNode settleSignIn(ObjectNode first) {
        ObjectNode o = first.deepCopy();
        if (!"none".equals(o.path("riskState").asText())) {
            o.put("riskState", "remediated");
            o.put("riskDetail", "userPerformedSecuredPasswordChange");
        } else if (o.path("status").path("errorCode").asInt() == 50074) {
            ObjectNode st = (ObjectNode) o.get("status");
            st.put("errorCode", 0);
            st.putNull("failureReason");
            st.put("additionalDetails", "MFA completed in Azure AD");
        } else {
            ObjectNode st = (ObjectNode) o.get("status");
            st.put("additionalDetails", "Sign-in details updated after authentication details settled.");
        }
        return o;
    }

    /** A v1.0 directoryAudit. */
    public ObjectNode directoryAudit(long index, String id, Instant time, SplittableRandom r) {
        JsonNode act = pick(audit.get("activities"), r);
        ObjectNode actor = users.get(r.nextInt(users.size()));
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "Directory_" + id);
        o.put("category", act.get("category").asText());
        o.put("correlationId", guid(r));
        o.put("result", "success");
        o.put("resultReason", act.get("resultReason").asText());
        o.put("activityDisplayName", act.get("activityDisplayName").asText());
        o.put("activityDateTime", WireTime.format(time));
        o.put("loggedByService", act.get("loggedByService").asText());
        o.put("operationType", act.get("operationType").asText());
        ObjectNode ib = o.putObject("initiatedBy");
        ObjectNode iu = ib.putObject("user");
        iu.put("id", actor.path("id").asText());
        iu.put("displayName", actor.path("displayName").asText());
        iu.put("userPrincipalName", actor.path("userPrincipalName").asText());
        iu.put("ipAddress", "131.107.159." + (1 + r.nextInt(254)));
        ib.putNull("app");
        ArrayNode trs = o.putArray("targetResources");
        ObjectNode tr = trs.addObject();
        String type = act.get("targetType").asText();
        if ("Group".equals(type) && !groups.isEmpty()) {
            ObjectNode grp = groups.get(r.nextInt(groups.size()));
            tr.put("id", grp.path("id").asText());
            tr.put("displayName", grp.path("displayName").asText());
            tr.put("type", "Group");
            tr.putNull("userPrincipalName");
            tr.put("groupType", grp.path("groupTypes").toString().contains("Unified") ? "unifiedGroups" : "azureAD");
        } else if ("User".equals(type)) {
            ObjectNode u = users.get(r.nextInt(users.size()));
            tr.put("id", u.path("id").asText());
            tr.putNull("displayName");
            tr.put("type", "User");
            tr.put("userPrincipalName", u.path("userPrincipalName").asText());
            tr.putNull("groupType");
        } else {
            tr.put("id", guid(r));
            tr.put("displayName", type + " object");
            tr.put("type", type);
            tr.putNull("userPrincipalName");
            tr.putNull("groupType");
        }
        ArrayNode mps = tr.putArray("modifiedProperties");
        if (act.hasNonNull("modifiedProperty")) {
            ObjectNode mp = mps.addObject();
            mp.put("displayName", act.get("modifiedProperty").asText());
            mp.putNull("oldValue");
            mp.put("newValue", "\"" + Integer.toHexString(r.nextInt()) + "\"");
        }
        ArrayNode ad = o.putArray("additionalDetails");
        ObjectNode kv = ad.addObject();
        kv.put("key", "User-Agent");
        kv.put("value", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36");
        return o;
    }
}
