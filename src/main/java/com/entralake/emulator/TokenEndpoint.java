package com.entralake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Entra token endpoint ({@code /{tenant}/oauth2/v2.0/token}) and its OpenID configuration, answering the client
 * credentials grant with a secret or a certificate assertion the way Entra does, AADSTS codes included, and with the
 * token endpoint faults armed in {@link Faults}.
 */
final class TokenEndpoint {

    private static final DateTimeFormatter AAD_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final TenantDirectory tenants;
    private final Faults faults;
    private final EmulatorClock clock;
    private final AccessTokens tokens;
    private final URI base;

    TokenEndpoint(TenantDirectory tenants, Faults faults, EmulatorClock clock, AccessTokens tokens, URI base) {
        this.tenants = tenants;
        this.faults = faults;
        this.clock = clock;
        this.tokens = tokens;
        this.base = base;
    }

    void openidConfiguration(Exchange c, String tenant) throws IOException {
        ObjectNode o = Templates.JSON.createObjectNode();
        String iss = base + "/" + tenant;
        o.put("token_endpoint", iss + "/oauth2/v2.0/token");
        o.put("issuer", "https://login.microsoftonline.com/" + tenant + "/v2.0");
        o.put("authorization_endpoint", iss + "/oauth2/v2.0/authorize");
        o.put("jwks_uri", iss + "/discovery/v2.0/keys");
        o.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        o.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        o.put("tenant_region_scope", "EU");
        c.send(200, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    void token(Exchange c, String tenantSegment) throws IOException {
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
        EmulatedTenant t = tenants.find(tenantSegment).orElse(null);
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
        String accessToken = tokens.issue(t.id(), app.clientId(), app.displayName(), app.roles(), Instant.now(), lifetime);
        ObjectNode o = Templates.JSON.createObjectNode();
        o.put("token_type", "Bearer");
        o.put("expires_in", lifetime.toSeconds());
        o.put("ext_expires_in", lifetime.toSeconds());
        o.put("access_token", accessToken);
        c.send(200, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8),
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
    private boolean answeredByTokenFault(Exchange c, String tenantSegment) throws IOException {
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
                throw new Exchange.DropConnection();
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
                c.send(fault.status(), "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of(), null);
            }
        }
        return true;
    }

    private void tokenError(Exchange c, int status, String error, int code, String message) throws IOException {
        tokenError(c, status, error, code, message, null);
    }

    private void tokenError(Exchange c, int status, String error, int code, String message, String retryAfter) throws IOException {
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
        c.send(status, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store, no-cache", "x-ms-request-id", trace), retryAfter);
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
