package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * HTTPS emulator of the Entra token endpoint and the Microsoft Graph endpoints Entra Lake reads. See package docs in
 * sample-data/README.md. Binds 127.0.0.1 only.
 */
public final class GraphEmulator implements AutoCloseable {
    static final String GRAPH_CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#";
    static final String GRAPH_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token/?$");
    private static final Pattern OIDC_PATH = Pattern.compile("^/([^/]+)/v2\\.0/\\.well-known/openid-configuration/?$");
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
    private static final DateTimeFormatter AAD_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final List<String> USER_DEFAULT_PROPERTIES = List.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");
    static final List<String> USER_PROPERTIES = List.of("aboutMe", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans",
            "authorizationInfo", "birthday", "businessPhones", "city", "companyName", "consentProvidedForMinor", "country",
            "createdDateTime", "creationType", "customSecurityAttributes", "deletedDateTime", "department", "deviceEnrollmentLimit",
            "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeOrgData", "employeeType",
            "externalUserState", "externalUserStateChangeDateTime", "faxNumber", "givenName", "hireDate", "id", "identities",
            "identityParentId", "imAddresses", "interests", "isManagementRestricted", "isResourceAccount", "jobTitle",
            "lastPasswordChangeDateTime", "legalAgeGroupClassification", "licenseAssignmentStates", "mail", "mailNickname",
            "mailboxSettings", "mobilePhone", "mySite", "officeLocation", "onPremisesDistinguishedName", "onPremisesDomainName",
            "onPremisesExtensionAttributes", "onPremisesImmutableId", "onPremisesLastSyncDateTime", "onPremisesProvisioningErrors",
            "onPremisesSamAccountName", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "onPremisesUserPrincipalName",
            "otherMails", "passwordPolicies", "passwordProfile", "pastProjects", "postalCode", "preferredDataLocation",
            "preferredLanguage", "preferredName", "print", "provisionedPlans", "proxyAddresses", "responsibilities", "schools",
            "securityIdentifier", "serviceProvisioningErrors", "showInAddressList", "signInActivity", "signInSessionsValidFromDateTime",
            "skills", "state", "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType");
    static final List<String> GROUP_PROPERTIES = List.of("accessType", "allowExternalSenders", "assignedLabels", "assignedLicenses",
            "autoSubscribeNewMembers", "classification", "createdDateTime", "deletedDateTime", "description", "displayName",
            "expirationDateTime", "groupTypes", "hasMembersWithLicenseErrors", "hideFromAddressLists", "hideFromOutlookClients", "id",
            "infoCatalogs", "isArchived", "isAssignableToRole", "isFavorite", "isManagementRestricted", "isSubscribedByMail",
            "licenseProcessingState", "mail", "mailEnabled", "mailNickname", "membershipRule", "membershipRuleProcessingState",
            "onPremisesDomainName", "onPremisesExtensionAttributes", "onPremisesLastSyncDateTime", "onPremisesNetBiosName",
            "onPremisesProvisioningErrors", "onPremisesSamAccountName", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled",
            "organizationId", "preferredDataLocation", "preferredLanguage", "proxyAddresses", "renewedDateTime",
            "resourceBehaviorOptions", "resourceProvisioningOptions", "securityEnabled", "securityIdentifier",
            "serviceProvisioningErrors", "theme", "uniqueName", "unseenConversationsCount", "unseenCount", "unseenMessagesCount",
            "visibility", "welcomeMessageEnabled");

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Path trustStore;
    private final boolean tempTrustStore;
    private final char[] trustStorePassword;
    private final EmulatorClock clock = new EmulatorClock();
    private final Map<String, EmulatedTenant> tenants = new ConcurrentHashMap<>();
    private final Faults faults;
    private final PageFaults pageFaults = new PageFaults();
    private final List<ServedRequest> log = new CopyOnWriteArrayList<>();
    private final List<PageListener> pageListeners = new CopyOnWriteArrayList<>();
    private final byte[] tokenKey = new byte[32];
    private final URI base;
    private volatile String demoTenantId;

    private GraphEmulator(EmulatorOptions options) throws IOException {
        new SecureRandom().nextBytes(tokenKey);
        this.faults = new Faults(this::tenant);
        Tls tls = Tls.generate();
        this.trustStorePassword = UUID.randomUUID().toString().toCharArray();
        if (options.trustStorePath() != null) {
            trustStore = options.trustStorePath();
            tempTrustStore = false;
        } else {
            trustStore = Files.createTempFile("graph-emulator-truststore", ".p12");
            tempTrustStore = true;
        }
        tls.writeTrustStore(trustStore, trustStorePassword);
        // TCP_NODELAY on the JDK server's sockets: without it Nagle + delayed ACK add ~40 ms to every small response.
        // Read once per JVM by sun.net.httpserver.ServerConfig; only set when nobody chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 100);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "graph-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        base = URI.create("https://localhost:" + server.getAddress().getPort());
        if (options.sampleData() != null) {
            demoTenantId = addTenant(DemoTenant.load(options.sampleData(), options.seed())).id();
        }
        server.start();
    }

    public static GraphEmulator start(EmulatorOptions options) {
        try {
            return new GraphEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Graph emulator", e);
        }
    }

    public URI authorityHost() {
        return base;
    }

    public URI graphBaseUrl() {
        return base;
    }

    public Path trustStore() {
        return trustStore;
    }

    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    /** An SSLContext that trusts only this emulator (built from the trust store). */
    public SSLContext clientSslContext() {
        return Tls.clientContext(trustStore, trustStorePassword);
    }

    public EmulatorClock clock() {
        return clock;
    }

    /** The tenant, or IllegalArgumentException if unknown. */
    public EmulatedTenant tenant(String tenantId) {
        EmulatedTenant t = tenants.get(tenantId.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("unknown tenant " + tenantId);
        }
        return t;
    }

    /** The demo tenant loaded from sample data, or null. */
    public EmulatedTenant demoTenant() {
        return demoTenantId == null ? null : tenant(demoTenantId);
    }

    public EmulatedTenant addTenant(TenantSpec spec) {
        EmulatedTenant t = new EmulatedTenant(spec, clock);
        tenants.put(spec.tenantId().toLowerCase(Locale.ROOT), t);
        return t;
    }

    public Faults faults() {
        return faults;
    }

    /** Misbehaviour of event pages: order, damaged or repeated records, 429 storms. */
    public PageFaults pageFaults() {
        return pageFaults;
    }

    public List<ServedRequest> requestLog() {
        return List.copyOf(log);
    }

    public void clearRequestLog() {
        log.clear();
    }

    public void onPageServed(PageListener listener) {
        pageListeners.add(listener);
    }

    /** Issues an access token directly (tests: expired tokens, tokens with chosen roles). Wall-clock times. */
    public String issueAccessToken(String tenantId, String clientId, Set<String> roles, Instant issuedAt, Duration lifetime) {
        ObjectNode c = Templates.JSON.createObjectNode();
        c.put("aud", "https://graph.microsoft.com");
        c.put("iss", "https://sts.windows.net/" + tenantId + "/");
        c.put("iat", issuedAt.getEpochSecond());
        c.put("nbf", issuedAt.getEpochSecond());
        c.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        c.put("app_displayname", tenants.containsKey(tenantId.toLowerCase(Locale.ROOT))
                ? tenant(tenantId).app(clientId).map(AppRegistration::displayName).orElse(null) : null);
        c.put("appid", clientId);
        c.put("appidacr", "1");
        c.put("idtyp", "app");
        c.put("oid", UUID.nameUUIDFromBytes((tenantId + clientId).getBytes(StandardCharsets.UTF_8)).toString());
        ArrayNode r = c.putArray("roles");
        roles.stream().sorted().forEach(r::add);
        c.put("sub", UUID.nameUUIDFromBytes((tenantId + clientId).getBytes(StandardCharsets.UTF_8)).toString());
        c.put("tid", tenantId);
        c.put("ver", "1.0");
        return Jwt.signHs256(c, tokenKey);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (tempTrustStore) {
            try {
                Files.deleteIfExists(trustStore);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    // ------------------------------------------------------------------ HTTP plumbing

    /** Thrown to make the JDK server close the connection (reset / truncation faults). */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("connection dropped on purpose by a fault", null, false, false);
        }
    }

    private final class Ctx {
        final HttpExchange ex;
        final Instant received = Instant.now();
        final String method;
        final String path;
        final String rawQuery;
        final String requestId = UUID.randomUUID().toString();
        final String clientRequestId;
        String tenantId;
        boolean truncate;

        Ctx(HttpExchange ex) {
            this.ex = ex;
            this.method = ex.getRequestMethod();
            this.path = ex.getRequestURI().getRawPath();
            this.rawQuery = ex.getRequestURI().getRawQuery();
            String crid = ex.getRequestHeaders().getFirst("client-request-id");
            this.clientRequestId = crid != null ? crid : requestId;
        }

        void log(int status, String retryAfter) {
            log.add(new ServedRequest(received, method, path, rawQuery, status, retryAfter, tenantId));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Ctx c = new Ctx(ex);
        try {
            Matcher tm = TOKEN_PATH.matcher(c.path);
            Matcher om = OIDC_PATH.matcher(c.path);
            if (c.path.startsWith("/v1.0/") || c.path.equals("/v1.0")) {
                graph(c);
            } else if (tm.matches()) {
                c.tenantId = tm.group(1);
                token(c, tm.group(1));
            } else if (om.matches()) {
                c.tenantId = om.group(1);
                openidConfiguration(c, om.group(1));
            } else {
                graphError(c, 400, "BadRequest", "Invalid version.", null);
            }
        } catch (DropConnection d) {
            throw d; // the JDK server closes the connection on a handler exception
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            graphError(c, 500, "InternalServerError", "Emulator failure: " + e.getClass().getSimpleName(), null);
        } finally {
            // nothing: responses close their exchange
        }
    }

    private void send(Ctx c, int status, String contentType, byte[] body, Map<String, String> headers, String retryAfter) throws IOException {
        send(c, status, contentType, body, headers, retryAfter, null);
    }

    /**
     * {@code beforeLastByte} runs after all of the body but its last byte has been written: the client cannot hold the
     * complete response before it returns, so whatever it changes (clock, records, faults) is in place before the client
     * can ask for the next page.
     */
    private void send(Ctx c, int status, String contentType, byte[] body, Map<String, String> headers, String retryAfter,
                      Runnable beforeLastByte) throws IOException {
        HttpExchange ex = c.ex;
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        c.log(status, retryAfter);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            OutputStream os = ex.getResponseBody();
            if (c.truncate) {
                os.write(body, 0, body.length / 2);
                os.flush();
                throw new DropConnection();
            }
            os.write(body, 0, body.length - 1);
            os.flush();
            if (beforeLastByte != null) {
                beforeLastByte.run();
            }
            os.write(body, body.length - 1, 1);
        } else if (beforeLastByte != null) {
            beforeLastByte.run();
        }
        ex.close();
    }

    private Map<String, String> graphHeaders(Ctx c) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("request-id", c.requestId);
        h.put("client-request-id", c.clientRequestId);
        h.put("OData-Version", "4.0");
        h.put("Cache-Control", "no-cache");
        h.put("Strict-Transport-Security", "max-age=31536000");
        h.put("x-ms-ags-diagnostic", "{\"ServerInfo\":{\"DataCenter\":\"Emulator\",\"Slice\":\"E\",\"Ring\":\"0\",\"ScaleUnit\":\"000\",\"RoleInstance\":\"EMU\"}}");
        return h;
    }

    private void graphJson(Ctx c, int status, ObjectNode body, String retryAfter, Map<String, String> extra) throws IOException {
        graphJson(c, status, body, retryAfter, extra, null);
    }

    private void graphJson(Ctx c, int status, ObjectNode body, String retryAfter, Map<String, String> extra, Runnable beforeLastByte)
            throws IOException {
        Map<String, String> h = graphHeaders(c);
        h.putAll(extra);
        send(c, status, GRAPH_CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8), h, retryAfter, beforeLastByte);
    }

    private void graphError(Ctx c, int status, String code, String message, String retryAfter) throws IOException {
        graphError(c, status, code, message, retryAfter, Map.of());
    }

    /** {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}} */
    private void graphError(Ctx c, int status, String code, String message, String retryAfter, Map<String, String> extra) throws IOException {
        ObjectNode root = Templates.JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("code", code);
        e.put("message", message);
        ObjectNode inner = e.putObject("innerError");
        if (status == 429) { // shape of graph-429-throttling.sample.json
            inner.put("code", "429");
            inner.put("message", "Please retry after");
            inner.put("status", "429");
        }
        inner.put("date", WireTime.inner(Instant.now()));
        inner.put("request-id", c.requestId);
        inner.put("client-request-id", c.clientRequestId);
        graphJson(c, status, root, retryAfter, extra);
    }

    // ------------------------------------------------------------------ token endpoint

    private void openidConfiguration(Ctx c, String tenant) throws IOException {
        ObjectNode o = Templates.JSON.createObjectNode();
        String iss = base + "/" + tenant;
        o.put("token_endpoint", iss + "/oauth2/v2.0/token");
        o.put("issuer", "https://login.microsoftonline.com/" + tenant + "/v2.0");
        o.put("authorization_endpoint", iss + "/oauth2/v2.0/authorize");
        o.put("jwks_uri", iss + "/discovery/v2.0/keys");
        o.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        o.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        o.put("tenant_region_scope", "EU");
        send(c, 200, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    private void token(Ctx c, String tenantSegment) throws IOException {
        if (answeredByTokenFault(c, tenantSegment)) {
            return;
        }
        if (!"POST".equals(c.method)) {
            tokenError(c, 405, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a " + c.method + " request.");
            return;
        }
        Map<String, String> form = parseForm(new String(c.ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = c.ex.getRequestHeaders().getFirst("Authorization"); // client_secret_basic
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String[] up = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
                form.putIfAbsent("client_id", URLDecoder.decode(up[0], StandardCharsets.UTF_8));
                form.putIfAbsent("client_secret", URLDecoder.decode(up[1], StandardCharsets.UTF_8));
            } catch (RuntimeException ignored) {
                // malformed header: treated as absent
            }
        }
        EmulatedTenant t = tenants.get(tenantSegment.toLowerCase(Locale.ROOT));
        if (t == null) {
            tokenError(c, 400, "invalid_tenant", 90002, "Tenant '" + tenantSegment + "' not found. Check to make sure you have the correct"
                    + " tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen"
                    + " if there are no active subscriptions for the tenant.");
            return;
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            tokenError(c, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            return;
        }
        if (!"client_credentials".equals(grant)) {
            tokenError(c, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
            return;
        }
        String clientId = form.get("client_id");
        if (clientId == null) {
            tokenError(c, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
            return;
        }
        String scope = form.getOrDefault("scope", "");
        Set<String> scopes = new HashSet<>(List.of(scope.trim().split("\\s+")));
        scopes.removeAll(Set.of("openid", "profile", "offline_access", ""));
        if (!scopes.equals(Set.of("https://graph.microsoft.com/.default")) && !scopes.equals(Set.of("00000003-0000-0000-c000-000000000000/.default"))) {
            tokenError(c, 400, "invalid_scope", 1002012, "The provided value for scope " + String.join(" ", scopes)
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
            return;
        }
        AppRegistration app = t.app(clientId).orElse(null);
        if (app == null) {
            tokenError(c, 400, "unauthorized_client", 700016, "Application with identifier '" + clientId + "' was not found in the directory '"
                    + t.displayName() + "'. This can happen if the application has not been installed by the administrator of the tenant"
                    + " or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
            return;
        }
        String assertion = form.get("client_assertion");
        String secret = form.get("client_secret");
        if (assertion != null) {
            if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
                tokenError(c, 400, "invalid_request", 90023, "The 'client_assertion_type' parameter must be "
                        + "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.");
                return;
            }
            String problem = checkAssertion(assertion, app, base + "/" + tenantSegment + "/oauth2/v2.0/token");
            if (problem != null) {
                tokenError(c, 401, "invalid_client", problem.startsWith("700024") ? 700024 : 700027, problem.substring(problem.indexOf(':') + 1));
                return;
            }
        } else if (secret != null) {
            ClientSecret match = app.secrets().stream().filter(s -> s.value().equals(secret)).findFirst().orElse(null);
            if (match == null) {
                tokenError(c, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the"
                        + " client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
                return;
            }
            if (match.endDateTime() != null && !match.endDateTime().isAfter(clock.now())) {
                tokenError(c, 401, "invalid_client", 7000222, "The provided client secret keys for app '" + clientId + "' are expired. Visit the"
                        + " Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate"
                        + " credentials for added security: https://aka.ms/certCreds.");
                return;
            }
        } else {
            tokenError(c, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
            return;
        }
        Duration lifetime = faults.tokenLifetime(t.id()) == null ? Duration.ofSeconds(3599) : faults.tokenLifetime(t.id());
        String accessToken = issueAccessToken(t.id(), app.clientId(), app.roles(), Instant.now(), lifetime);
        ObjectNode o = Templates.JSON.createObjectNode();
        o.put("token_type", "Bearer");
        o.put("expires_in", lifetime.toSeconds());
        o.put("ext_expires_in", lifetime.toSeconds());
        o.put("access_token", accessToken);
        send(c, 200, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store, no-cache", "Pragma", "no-cache", "x-ms-request-id", c.requestId), null);
    }

    /** Null if fine, else "code:message". */
    private String checkAssertion(String assertion, AppRegistration app, String tokenEndpoint) {
        Jwt.Parsed p = Jwt.parse(assertion);
        if (p == null) {
            return "700027:Client assertion failed signature validation. (The client assertion is not a well-formed JWT.)";
        }
        if (app.keyCredentials().isEmpty()) {
            return "700027:The certificate with identifier used to sign the client assertion is not registered on application.";
        }
        if (app.keyCredentials().stream().noneMatch(k -> Jwt.verifyRs256(p, k.certificate().getPublicKey()))) {
            return "700027:Client assertion failed signature validation.";
        }
        JsonNode cl = p.claims();
        if (!app.clientId().equalsIgnoreCase(cl.path("iss").asText()) || !app.clientId().equalsIgnoreCase(cl.path("sub").asText())) {
            return "700027:Client assertion contains an invalid issuer or subject.";
        }
        JsonNode aud = cl.path("aud");
        boolean audOk = aud.isArray() ? aud.toString().contains("\"" + tokenEndpoint + "\"") : tokenEndpoint.equalsIgnoreCase(aud.asText());
        if (!audOk) {
            return "700027:The audience claim value is invalid '" + aud.asText() + "'.";
        }
        long now = Instant.now().getEpochSecond();
        if (cl.has("exp") && cl.path("exp").asLong() + 300 < now) {
            return "700024:Client assertion is not within its valid time range.";
        }
        if (cl.has("nbf") && cl.path("nbf").asLong() - 300 > now) {
            return "700024:Client assertion is not within its valid time range.";
        }
        return null;
    }

    /**
     * Applies the token endpoint fault armed for this tenant, if any (see the token section of {@link Faults} for what
     * each one imitates and where that comes from). True when the fault was the whole answer.
     */
    private boolean answeredByTokenFault(Ctx c, String tenantSegment) throws IOException {
        Faults.TokenFault fault = faults.takeTokenFault(tenantSegment);
        if (fault == null) {
            return false;
        }
        if (fault.kind() != Faults.TokenFaultKind.DELAY) {
            c.ex.getRequestBody().readAllBytes(); // the client has sent everything: the fault comes where the answer would
        }
        switch (fault.kind()) {
            case RESET -> {
                c.log(-1, null);
                throw new DropConnection();
            }
            case DELAY -> {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case SERVER_ERROR -> tokenError(c, fault.status(), "temporarily_unavailable", 90033,
                    "A transient error has occurred. Please try again.", null);
            case THROTTLED -> tokenError(c, 429, "temporarily_unavailable", 90055,
                    "TenantThrottlingError - There are too many incoming requests. Please try again later.",
                    Integer.toString(fault.retryAfterSeconds()));
            case GATEWAY_PAGE -> {
                String reason = switch (fault.status()) {
                    case 500 -> "Internal Server Error";
                    case 502 -> "Bad Gateway";
                    case 504 -> "Gateway Time-out";
                    default -> "Service Temporarily Unavailable";
                };
                String html = "<html>\r\n<head><title>" + fault.status() + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
                        + fault.status() + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
                send(c, fault.status(), "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of(), null);
            }
        }
        return true;
    }

    private void tokenError(Ctx c, int status, String error, int code, String message) throws IOException {
        tokenError(c, status, error, code, message, null);
    }

    private void tokenError(Ctx c, int status, String error, int code, String message, String retryAfter) throws IOException {
        Instant now = Instant.now();
        String trace = UUID.randomUUID().toString();
        String correlation = c.ex.getRequestHeaders().getFirst("client-request-id");
        if (correlation == null) {
            correlation = UUID.randomUUID().toString();
        }
        String ts = AAD_TS.format(now);
        ObjectNode o = Templates.JSON.createObjectNode();
        o.put("error", error);
        o.put("error_description", "AADSTS" + code + ": " + message + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + correlation
                + "\r\nTimestamp: " + ts);
        o.putArray("error_codes").add(code);
        o.put("timestamp", ts);
        o.put("trace_id", trace);
        o.put("correlation_id", correlation);
        o.put("error_uri", base + "/error?code=" + code);
        send(c, status, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store, no-cache", "x-ms-request-id", trace), retryAfter);
    }

    // ------------------------------------------------------------------ Graph

    private void graph(Ctx c) throws IOException {
        String auth = c.ex.getRequestHeaders().getFirst("Authorization");
        Map<String, String> wwwAuth = Map.of("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + base
                + "/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            graphError(c, 401, "InvalidAuthenticationToken", "Access token is empty.", null, wwwAuth);
            return;
        }
        Jwt.Parsed p = Jwt.parse(auth.substring(7).trim());
        if (p == null) {
            graphError(c, 401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).\n"
                    + "The token needs to be in JWS or JWE Compact Serialization Format.", null, wwwAuth);
            return;
        }
        if (!Jwt.verifyHs256(p, tokenKey)) {
            graphError(c, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid signature.", null, wwwAuth);
            return;
        }
        String tid = p.claims().path("tid").asText();
        c.tenantId = tid;
        if (p.claims().path("exp").asLong() <= Instant.now().getEpochSecond()) {
            graphError(c, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.", null, wwwAuth);
            return;
        }
        EmulatedTenant t = tenants.get(tid.toLowerCase(Locale.ROOT));
        if (t == null) {
            graphError(c, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", null, wwwAuth);
            return;
        }
        Set<String> roles = new HashSet<>();
        p.claims().path("roles").forEach(r -> roles.add(r.asText()));

        String route = c.path.substring("/v1.0".length()).toLowerCase(Locale.ROOT);
        if (route.endsWith("/")) {
            route = route.substring(0, route.length() - 1);
        }
        boolean auditLog = route.startsWith("/auditlogs/");
        // faults, in the order a client would meet them
        if (faults.takeReset(tid)) {
            c.log(-1, null);
            throw new DropConnection();
        }
        PageFaults.StormAnswer storm = pageFaults.takeStorm(tid);
        if (storm != null) {
            String retryAfter = storm.retryAfter() == null ? null : BigDecimal.valueOf(storm.retryAfter().toMillis())
                    .divide(BigDecimal.valueOf(1000), 3, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
            graphError(c, 429, "TooManyRequests", "Too many requests.", retryAfter);
            return;
        }
        if (auditLog) {
            long waitNanos = faults.throttle(tid, System.nanoTime());
            if (waitNanos > 0) {
                String retryAfter = BigDecimal.valueOf(waitNanos + 1_000_000).divide(BigDecimal.valueOf(1_000_000_000L), 3, RoundingMode.CEILING)
                        .stripTrailingZeros().toPlainString();
                graphError(c, 429, "TooManyRequests", "Please retry again later.", retryAfter,
                        Map.of("x-ms-throttle-scope", "Tenant_Application/ReadWrite/" + tid + "/00000003-0000-0000-c000-000000000000",
                                "x-ms-throttle-information", "ResourceUnitLimitExceeded"));
                return;
            }
        }
        int fail = faults.takeFailure(tid);
        if (fail > 0) {
            String[] codeMsg = switch (fail) {
                case 500 -> new String[]{"InternalServerError", "Internal server error."};
                case 502 -> new String[]{"BadGateway", "Bad gateway."};
                case 504 -> new String[]{"GatewayTimeout", "Gateway timeout."};
                default -> new String[]{"ServiceUnavailable", "Service unavailable."};
            };
            graphError(c, fail, codeMsg[0], codeMsg[1], null);
            return;
        }
        Duration delay = faults.state(tid).delay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        c.truncate = faults.takeTruncate(tid);
        if (!"GET".equals(c.method)) {
            graphError(c, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.", null);
            return;
        }
        String decodedRoute = c.ex.getRequestURI().getPath().substring("/v1.0".length());
        if (decodedRoute.endsWith("/")) {
            decodedRoute = decodedRoute.substring(0, decodedRoute.length() - 1);
        }
        if (application(c, t, roles, decodedRoute)) {
            return;
        }
        switch (route) {
            case "/auditlogs/signins" -> events(c, t, roles, EmulatedTenant.SIGNINS, "auditLogs/signIns");
            case "/auditlogs/directoryaudits" -> events(c, t, roles, EmulatedTenant.DIRECTORY_AUDITS, "auditLogs/directoryAudits");
            case "/users" -> directory(c, t, roles, EmulatedTenant.USERS);
            case "/groups" -> directory(c, t, roles, EmulatedTenant.GROUPS);
            case "/organization" -> organization(c, t, roles);
            default -> {
                String seg = route.isEmpty() ? "" : c.path.substring("/v1.0/".length()).split("/")[0];
                graphError(c, 400, "BadRequest", "Resource not found for the segment '" + seg + "'.", null);
            }
        }
    }

    private void pageServed(String tenantId, String path, int page, int count) {
        for (PageListener l : pageListeners) {
            l.pageServed(tenantId, path, page, count);
        }
    }

    private static boolean hasAny(Set<String> roles, String... wanted) {
        for (String w : wanted) {
            if (roles.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private void denied(Ctx c) throws IOException {
        graphError(c, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", null);
    }

    /** Query options of a request: decoded name (lower case) -> decoded value; non-$ parameters are dropped. */
    private static Map<String, String> options(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return m;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.startsWith("$")) {
                m.put(k.toLowerCase(Locale.ROOT), v);
            }
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String nextLink(String path, Map<String, String> opts, String skiptoken) {
        StringBuilder sb = new StringBuilder(base.toString()).append("/v1.0/").append(path).append('?');
        for (String k : List.of("$select", "$filter", "$orderby", "$top")) {
            if (opts.containsKey(k)) {
                sb.append(k).append('=').append(enc(opts.get(k))).append('&');
            }
        }
        return sb.append("$skiptoken=").append(skiptoken).toString();
    }

    /** 400 for an invalid query; message already chosen. */
    private static final class BadQuery extends Exception {
        final String code;

        BadQuery(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    // --- events (signIns, directoryAudits)

    private static final Set<String> EVENT_OPTIONS = Set.of("$filter", "$top", "$skiptoken", "$orderby");
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)\\s+(\\S+)\\s*$");
    private static final Pattern DATETIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})$");

    /** @param heldBack a record the previous page held back to serve on this one ({@link PageFaults.Misorder#ACROSS_PAGES}) */
    record EventQuery(Instant from, Instant to, boolean descending, int top, int page, EventRecord after, EventRecord firstPageLast,
                      EventRecord heldBack) {
    }

    private EventQuery parseEventQuery(Map<String, String> opts, String timeProperty) throws BadQuery {
        for (String k : opts.keySet()) {
            if (!EVENT_OPTIONS.contains(k)) {
                // Microsoft's List signIns / List directoryAudits pages document only $top, $skiptoken, $filter (+ $orderby on the
                // resource). The reporting service answers other options with an OData validation error; exact wording unverified.
                String name = k.substring(1);
                throw new BadQuery("BadRequest", "Query option '" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
                        + "' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
            }
        }
        int top = 1000;
        if (opts.containsKey("$top")) {
            String v = opts.get("$top").trim();
            try {
                top = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new BadQuery("BadRequest", "Invalid value '" + v + "' for $top query option found.");
            }
            if (top > 1000) {
                // OData MaxTop validation wording; Microsoft documents 1000 as the maximum page size (exact error unverified).
                throw new BadQuery("BadRequest", "The limit of '1000' for Top query has been exceeded. The value from the incoming request is '" + v + "'.");
            }
            if (top < 1) {
                throw new BadQuery("BadRequest", "Invalid value '" + v + "' for $top query option found.");
            }
        }
        Instant from = Instant.EPOCH;
        Instant to = FAR_FUTURE;
        if (opts.containsKey("$filter")) {
            // "Invalid filter clause" / BadRequest is what Graph answers on auditLogs for filters it cannot run
            // (microsoftgraph/microsoft-graph-docs issues #5676, #14173, #6043).
            String f = opts.get("$filter").trim();
            if (f.isEmpty()) {
                throw new BadQuery("BadRequest", "Invalid filter clause");
            }
            for (String clause : f.split("(?i)\\s+and\\s+")) {
                Matcher m = CLAUSE.matcher(clause);
                if (!m.matches() || !m.group(1).equalsIgnoreCase(timeProperty) || !DATETIME.matcher(m.group(3)).matches()) {
                    throw new BadQuery("BadRequest", "Invalid filter clause");
                }
                Instant lit;
                try {
                    lit = java.time.OffsetDateTime.parse(m.group(3)).toInstant();
                } catch (Exception e) {
                    throw new BadQuery("BadRequest", "Invalid filter clause");
                }
                switch (m.group(2)) {
                    case "ge" -> from = lit.isAfter(from) ? lit : from;
                    case "le" -> to = lit.plusNanos(100).isBefore(to) ? lit.plusNanos(100) : to;
                    case "eq" -> {
                        from = lit.isAfter(from) ? lit : from;
                        to = lit.plusNanos(100).isBefore(to) ? lit.plusNanos(100) : to;
                    }
                    default -> throw new BadQuery("BadRequest", "Invalid filter clause");
                }
            }
        }
        boolean desc = true;
        if (opts.containsKey("$orderby")) {
            String[] ob = opts.get("$orderby").trim().split("\\s+");
            if (ob.length < 1 || ob.length > 2 || !ob[0].equalsIgnoreCase(timeProperty)
                    || (ob.length == 2 && !ob[1].equals("asc") && !ob[1].equals("desc"))) {
                throw new BadQuery("BadRequest", "Invalid orderby clause");
            }
            desc = ob.length == 2 && ob[1].equals("desc");
        }
        int page = 1;
        EventRecord after = null;
        EventRecord first = null;
        EventRecord heldBack = null;
        if (opts.containsKey("$skiptoken")) {
            try {
                String[] s = new String(Base64.getUrlDecoder().decode(opts.get("$skiptoken")), StandardCharsets.UTF_8).split("\\|", -1);
                page = Integer.parseInt(s[0]);
                after = key(s[1], s[2], s[3]);
                first = key(s[4], s[5], s[6]);
                if (!s[7].equals(desc ? "d" : "a")) {
                    throw new IllegalArgumentException();
                }
                if (s.length > 8) {
                    heldBack = key(s[8], s[9], s[10]);
                }
            } catch (RuntimeException e) {
                throw new BadQuery("BadRequest", "Invalid $skiptoken.");
            }
        }
        return new EventQuery(from, to, desc, top, page, after, first, heldBack);
    }

    private static EventRecord key(String time, String seq, String id) {
        String[] ts = time.split(":");
        return new EventRecord(id, Instant.ofEpochSecond(Long.parseLong(ts[0]), Long.parseLong(ts[1])), Instant.EPOCH, Long.parseLong(seq), null);
    }

    private static String skiptoken(int page, EventRecord after, EventRecord first, boolean desc) {
        return skiptoken(page, after, first, desc, null);
    }

    private static String skiptoken(int page, EventRecord after, EventRecord first, boolean desc, EventRecord heldBack) {
        String s = page + "|" + keyText(after) + "|" + keyText(first) + "|" + (desc ? "d" : "a")
                + (heldBack == null ? "" : "|" + keyText(heldBack));
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String keyText(EventRecord r) {
        return r.time().getEpochSecond() + ":" + r.time().getNano() + "|" + r.seq() + "|" + r.id();
    }

    /** The visible record with exactly this sort key, or null (e.g. it aged out of retention in the meantime). */
    private static EventRecord find(EmulatedTenant t, String dataset, EventQuery q, EventRecord key) {
        // seq - 1 at the same time sorts just before the key in both orders, so the record itself comes first
        EventRecord justBefore = new EventRecord(key.id(), key.time(), Instant.EPOCH, key.seq() - 1, null);
        Iterator<EventRecord> it = t.visible(dataset, q.from(), q.to(), q.descending(), justBefore);
        if (!it.hasNext()) {
            return null;
        }
        EventRecord r = it.next();
        return r.id().equals(key.id()) && r.seq() == key.seq() ? r : null;
    }

    /** The page as a misbehaving Graph would serve it (see {@link PageFaults}); the keyset paging is unchanged. */
    private List<JsonNode> served(EmulatedTenant t, String dataset, EventQuery q, List<EventRecord> page, boolean more,
                                  EventRecord[] heldOut) {
        PageFaults.State pf = pageFaults.state(t.id());
        List<EventRecord> out = new ArrayList<>(page);
        switch (pf.misorder) {
            case WITHIN_PAGE -> {
                if (out.size() >= 2) {
                    out.add(out.remove(0));
                }
            }
            case ACROSS_PAGES -> {
                if (more && out.size() >= 2) {
                    heldOut[0] = out.remove(0);
                }
                EventRecord held = q.heldBack() == null ? null : find(t, dataset, q, q.heldBack());
                if (held != null) {
                    out.add(0, held);
                }
            }
            case NONE -> { }
        }
        if (pageFaults.takeHoldBack(t.id(), more) && out.size() >= 2) {
            out.remove(0);
        }
        switch (pf.duplication) {
            case WITHIN_PAGE -> {
                if (!out.isEmpty()) {
                    out.add(1, out.get(0));
                }
            }
            case ACROSS_PAGES -> {
                EventRecord previousLast = q.after() == null ? null : find(t, dataset, q, q.after());
                if (previousLast != null) {
                    out.add(0, previousLast);
                }
            }
            case NONE -> { }
        }
        String timeProperty = EmulatedTenant.timeProperty(dataset);
        List<JsonNode> wire = new ArrayList<>(out.size());
        out.forEach(r -> wire.add(pageFaults.wire(t.id(), r, timeProperty)));
        return wire;
    }

    private void events(Ctx c, EmulatedTenant t, Set<String> roles, String dataset, String path) throws IOException {
        boolean signIns = EmulatedTenant.SIGNINS.equals(dataset);
        if (!roles.contains("AuditLog.Read.All") || (signIns && !roles.contains("Directory.Read.All"))) {
            denied(c);
            return;
        }
        if (signIns && !t.signInLogsAvailable()) {
            graphError(c, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                    "Neither tenant is B2C or tenant doesn't have premium license", null);
            return;
        }
        Map<String, String> opts = options(c.rawQuery);
        EventQuery q;
        try {
            q = parseEventQuery(opts, EmulatedTenant.timeProperty(dataset));
        } catch (BadQuery b) {
            graphError(c, 400, b.code, b.getMessage(), null);
            return;
        }
        Faults.State fs = faults.state(t.id());
        if ((fs.failFromPage > 0 && q.page() >= fs.failFromPage) || pageFaults.takeOutage(t.id())) {
            graphError(c, 500, "InternalServerError", "Internal server error.", null);
            return;
        }
        Iterator<EventRecord> it = t.visible(dataset, q.from(), q.to(), q.descending(), q.after());
        List<EventRecord> page = new ArrayList<>();
        while (it.hasNext() && page.size() <= q.top()) {
            page.add(it.next());
        }
        boolean more = page.size() > q.top();
        if (more) {
            page.remove(page.size() - 1);
        }
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", GRAPH_CONTEXT + path);
        ArrayNode value = body.putArray("value");
        EventRecord[] heldOut = new EventRecord[1];
        served(t, dataset, q, page, more, heldOut).forEach(value::add);
        String next = null;
        if (fs.loopAtPage >= 2 && q.page() == fs.loopAtPage && q.firstPageLast() != null) {
            next = nextLink(path, opts, skiptoken(2, q.firstPageLast(), q.firstPageLast(), q.descending()));
        } else if (more) {
            EventRecord last = page.get(page.size() - 1);
            EventRecord first = q.page() == 1 ? last : q.firstPageLast();
            next = nextLink(path, opts, skiptoken(q.page() + 1, last, first, q.descending(), heldOut[0]));
        }
        if (next != null) {
            body.put("@odata.nextLink", next);
        }
        int pageNo = q.page();
        graphJson(c, 200, body, null, Map.of(), () -> pageServed(t.id(), c.path, pageNo, page.size()));
    }

    // --- users, groups

    private void directory(Ctx c, EmulatedTenant t, Set<String> roles, String dataset) throws IOException {
        boolean users = EmulatedTenant.USERS.equals(dataset);
        if (users ? !hasAny(roles, "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")
                : !hasAny(roles, "Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "Directory.Read.All", "Directory.ReadWrite.All")) {
            denied(c);
            return;
        }
        Map<String, String> opts = options(c.rawQuery);
        for (String k : opts.keySet()) {
            if (Set.of("$filter", "$count", "$orderby", "$search", "$expand").contains(k)) {
                // documented by Microsoft but not implemented by the emulator: say so rather than answer wrongly
                graphError(c, 400, "Request_UnsupportedQuery", "The Graph emulator does not implement the " + k + " query option.", null);
                return;
            }
            if (!Set.of("$select", "$top", "$skiptoken").contains(k)) {
                graphError(c, 400, "Request_BadRequest", "Unrecognized query argument specified: '" + k + "'.", null);
                return;
            }
        }
        int top = 100;
        if (opts.containsKey("$top")) {
            String v = opts.get("$top").trim();
            try {
                top = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                top = -1;
            }
            // Directory reads reject $top > 999 with an "invalid page size" error (Microsoft paging docs; community reports
            // of "$top=1000 gives an error for invalid page size"). Code and exact wording are from memory, not verified.
            if (top < 1 || top > 999) {
                graphError(c, 400, "Request_UnsupportedQuery", "Invalid page size specified: '" + v + "'. Must be between 1 and 999 inclusive.", null);
                return;
            }
        }
        List<String> allProps = users ? USER_PROPERTIES : GROUP_PROPERTIES;
        List<String> select = null;
        if (opts.containsKey("$select")) {
            select = new ArrayList<>();
            for (String s : opts.get("$select").split(",")) {
                String name = s.trim();
                String canonical = allProps.stream().filter(pn -> pn.equalsIgnoreCase(name)).findFirst().orElse(null);
                if (canonical == null) {
                    graphError(c, 400, "Request_BadRequest", "Could not find a property named '" + name + "' on type 'microsoft.graph."
                            + (users ? "user" : "group") + "'.", null);
                    return;
                }
                if (!select.contains(canonical)) {
                    select.add(canonical);
                }
            }
        }
        int page = 1;
        String afterId = null;
        if (opts.containsKey("$skiptoken")) {
            try {
                String[] s = new String(Base64.getUrlDecoder().decode(opts.get("$skiptoken")), StandardCharsets.UTF_8).split("\\|", -1);
                page = Integer.parseInt(s[0]);
                afterId = s[1];
            } catch (RuntimeException e) {
                graphError(c, 400, "Directory_InvalidSkipToken", "Invalid skip token.", null);
                return;
            }
        }
        Faults.State fs = faults.state(t.id());
        if (fs.failFromPage > 0 && page >= fs.failFromPage) {
            graphError(c, 500, "InternalServerError", "Internal server error.", null);
            return;
        }
        List<ObjectNode> all = t.directoryObjects(dataset);
        int start = 0;
        if (afterId != null) {
            while (start < all.size() && all.get(start).get("id").asText().compareTo(afterId) <= 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + top);
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", GRAPH_CONTEXT + dataset + (select == null ? "" : "(" + String.join(",", select) + ")"));
        ArrayNode value = body.putArray("value");
        List<String> props = select != null ? select : users ? USER_DEFAULT_PROPERTIES : null;
        for (ObjectNode o : all.subList(start, end)) {
            ObjectNode selected = o;
            if (props != null) {
                selected = Templates.JSON.createObjectNode();
                for (String pn : props) {
                    selected.set(pn, o.has(pn) ? o.get(pn) : selected.nullNode());
                }
            }
            value.add(pageFaults.wire(t.id(), selected));
        }
        String next = null;
        if (fs.loopAtPage >= 2 && page == fs.loopAtPage && !all.isEmpty()) {
            next = nextLink(dataset, opts, B64.encodeToString(("2|" + all.get(Math.min(top, all.size()) - 1).get("id").asText()).getBytes(StandardCharsets.UTF_8)));
        } else if (end < all.size()) {
            next = nextLink(dataset, opts, B64.encodeToString(((page + 1) + "|" + all.get(end - 1).get("id").asText()).getBytes(StandardCharsets.UTF_8)));
        }
        if (next != null) {
            body.put("@odata.nextLink", next);
        }
        int pageNo = page;
        int count = end - start;
        graphJson(c, 200, body, null, Map.of(), () -> pageServed(t.id(), c.path, pageNo, count));
    }

    private void organization(Ctx c, EmulatedTenant t, Set<String> roles) throws IOException {
        if (!hasAny(roles, "Organization.Read.All", "Directory.Read.All", "User.Read.All", "Organization.ReadWrite.All")) {
            denied(c);
            return;
        }
        ObjectNode body = Templates.JSON.createObjectNode();
        body.put("@odata.context", GRAPH_CONTEXT + "organization");
        ObjectNode o = body.putArray("value").addObject();
        o.put("id", t.id());
        o.put("displayName", t.displayName());
        o.put("tenantType", t.tenantType().wire());
        o.putArray("assignedPlans");
        ArrayNode vd = o.putArray("verifiedDomains");
        ObjectNode d = vd.addObject();
        d.put("capabilities", "Email, OfficeCommunicationsOnline");
        d.put("isDefault", true);
        d.put("isInitial", true);
        d.put("name", initialDomain(t));
        d.put("type", "Managed");
        graphJson(c, 200, body, null, Map.of());
    }

    /** The tenant's {@code *.onmicrosoft.com} domain, made from its display name. */
    private static String initialDomain(EmulatedTenant t) {
        return t.displayName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".onmicrosoft.com";
    }

    // --- applications: Get application by object id or by appId (alternate key)

    private static final Pattern APP_BY_APP_ID = Pattern.compile("^/applications\\(appId='([^'/]*)'\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern APP_BY_ID = Pattern.compile("^/applications/([^/()]+)$", Pattern.CASE_INSENSITIVE);

    /** True when the path addressed one application (answered here), false when it is no application route. */
    private boolean application(Ctx c, EmulatedTenant t, Set<String> roles, String decodedRoute) throws IOException {
        Matcher byAppId = APP_BY_APP_ID.matcher(decodedRoute);
        Matcher byId = APP_BY_ID.matcher(decodedRoute);
        if (!byAppId.matches() && !byId.matches()) {
            return false;
        }
        // "Get application": least privileged Application.Read.All; higher: Application.ReadWrite.OwnedBy,
        // AgentIdentityBlueprint.Read.All, Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All.
        if (!hasAny(roles, "Application.Read.All", "Application.ReadWrite.OwnedBy", "AgentIdentityBlueprint.Read.All",
                "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")) {
            denied(c);
            return true;
        }
        Map<String, String> opts = options(c.rawQuery);
        List<String> select = null;
        for (Map.Entry<String, String> o : opts.entrySet()) {
            if (!o.getKey().equals("$select")) {
                graphError(c, 400, "Request_UnsupportedQuery", "The Graph emulator does not implement the " + o.getKey()
                        + " query option on a single application.", null);
                return true;
            }
            select = new ArrayList<>();
            for (String item : o.getValue().split(",")) {
                String canonical = ApplicationResource.property(item).orElse(null);
                if (canonical == null) {
                    graphError(c, 400, "Request_BadRequest", "Could not find a property named '" + item.trim()
                            + "' on type 'microsoft.graph.application'.", null);
                    return true;
                }
                if (!select.contains(canonical)) {
                    select.add(canonical);
                }
            }
        }
        String key = byAppId.matches() ? byAppId.group(1) : byId.group(1);
        AppRegistration app = (byAppId.matches() ? t.app(key) : t.appByObjectId(key)).orElse(null);
        if (app == null) {
            // Graph's directory "not found" (microsoft-graph-docs-contrib issues #1107, #6431, #7618)
            graphError(c, 404, "Request_ResourceNotFound", "Resource '" + key
                    + "' does not exist or one of its queried reference-property objects are not present.", null);
            return true;
        }
        graphJson(c, 200, ApplicationResource.render(app, initialDomain(t), select, clock.now()), null, Map.of());
        return true;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : body.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            m.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
