package com.entralake.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * The login (authority) host and Graph base URL of one Microsoft cloud, or of the emulator.
 *
 * @param authorityHost e.g. {@code https://login.microsoftonline.com} (no tenant, no trailing slash needed)
 * @param graphBaseUrl  e.g. {@code https://graph.microsoft.com}; data type paths carry the API version
 */
public record CloudEndpoints(URI authorityHost, URI graphBaseUrl) {

    public static final CloudEndpoints GLOBAL = of("https://login.microsoftonline.com", "https://graph.microsoft.com");
    public static final CloudEndpoints US_GOV_L4 = of("https://login.microsoftonline.us", "https://graph.microsoft.us");
    public static final CloudEndpoints US_GOV_L5_DOD = of("https://login.microsoftonline.us", "https://dod-graph.microsoft.us");
    public static final CloudEndpoints CHINA = of("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn");

    /** Hosts MSAL knows; any other host (the emulator) must be used without instance discovery. */
    private static final Set<String> MICROSOFT_LOGIN_HOSTS = Set.of(
            "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
            "login.windows.net", "login.microsoft.com", "sts.windows.net", "login.partner.microsoftonline.cn");

    public CloudEndpoints {
        Objects.requireNonNull(authorityHost, "authorityHost");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        requireHttps(authorityHost, "authorityHost");
        requireHttps(graphBaseUrl, "graphBaseUrl");
        authorityHost = withoutTrailingSlash(authorityHost);
        graphBaseUrl = withoutTrailingSlash(graphBaseUrl);
    }

    public static CloudEndpoints of(String authorityHost, String graphBaseUrl) {
        return new CloudEndpoints(URI.create(authorityHost), URI.create(graphBaseUrl));
    }

    /**
     * The default scope: the Graph host's {@code /.default} ({@code https://graph.microsoft.com/.default}).
     * The emulator accepts the global scope, so a deployment pointing at it overrides the scope in
     * {@link MsalTokenProvider} rather than deriving it from {@code https://localhost:8443}.
     */
    public String scope() {
        return graphBaseUrl.getScheme() + "://" + graphBaseUrl.getRawAuthority() + "/.default";
    }

    /** The MSAL authority for a tenant: {@code <authorityHost>/<tenantId>/}. */
    public String authority(String tenantId) {
        return authorityHost + "/" + tenantId + "/";
    }

    /** True for Microsoft's own login hosts; false for the emulator or any other stand-in. */
    public boolean isMicrosoftLoginHost() {
        return MICROSOFT_LOGIN_HOSTS.contains(authorityHost.getHost().toLowerCase(java.util.Locale.ROOT));
    }

    private static void requireHttps(URI uri, String what) {
        if (uri.getHost() == null || !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(what + " must be an absolute https URL: " + uri);
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
