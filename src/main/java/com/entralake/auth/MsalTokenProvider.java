package com.entralake.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLSocketFactory;

/**
 * App-only tokens for one tenant through MSAL4J's client-credentials flow. A token is reused while it
 * has more than 300 s left (MSAL's rule), so {@link #accessToken()} is cheap;
 * {@link #refreshAccessToken()} skips every cache (Graph said 401).
 *
 * <p>Against a host that is not a Microsoft login host (the emulator) instance discovery is off,
 * since MSAL would otherwise ask login.microsoftonline.com about it. Timeouts are always set
 * because MSAL's default HTTP client waits forever.
 *
 * <p>One call is one attempt: MSAL's own retry is off, and a failure that another attempt may fix is
 * thrown as a {@linkplain AuthenticationFailure#retryable() retryable} failure for
 * {@code graph.RetryingTokenProvider}, which wraps this class in every session and owns the retries.
 */
public final class MsalTokenProvider implements AccessTokenProvider {

    private static final Logger log = LoggerFactory.getLogger(MsalTokenProvider.class);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A token is reused while it has more than this left: MSAL's own rule for app tokens. */
    static final Duration MINIMUM_REMAINING_LIFETIME = Duration.ofSeconds(300);

    private final String tenantId;
    private final String clientId;
    private final CredentialSource credential;
    private final CloudEndpoints cloud;
    private final SSLSocketFactory sslSocketFactory;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String scope;
    /** Rebuilt once the credential is loaded, so messages can name the certificate's thumbprint. */
    private volatile MsalFailureMapper failures;
    private final Clock clock;
    private ConfidentialClientApplication application;
    private volatile CachedToken cached;

    private record CachedToken(String token, Instant expiresOn) {
        @Override
        public String toString() {
            return "CachedToken[expiresOn=" + expiresOn + "]";
        }
    }

    /** Client secret, scope derived from the Graph host. {@code sslSocketFactory} null = JVM default trust. */
    public MsalTokenProvider(String tenantId, String clientId, SecretSource secret, CloudEndpoints cloud,
                             SSLSocketFactory sslSocketFactory, Duration connectTimeout, Duration readTimeout) {
        this(tenantId, clientId, secret, cloud, sslSocketFactory, connectTimeout, readTimeout, null);
    }

    /** Client secret with an explicit scope (null = {@link CloudEndpoints#scope()}), e.g. for the emulator. */
    public MsalTokenProvider(String tenantId, String clientId, SecretSource secret, CloudEndpoints cloud,
                             SSLSocketFactory sslSocketFactory, Duration connectTimeout, Duration readTimeout,
                             String scope) {
        this(tenantId, clientId, CredentialSource.secret(secret), cloud, sslSocketFactory, connectTimeout,
                readTimeout, scope);
    }

    /**
     * Certificate credential: a PKCS#12 file holding the private key and certificate, and the source of
     * its password (scope null = derived from the Graph host).
     */
    public static MsalTokenProvider withCertificate(String tenantId, String clientId, Path pkcs12File,
                                                    SecretSource pkcs12Password, CloudEndpoints cloud,
                                                    SSLSocketFactory sslSocketFactory, Duration connectTimeout,
                                                    Duration readTimeout, String scope) {
        Objects.requireNonNull(pkcs12Password, "pkcs12Password");
        return withCertificate(tenantId, clientId, new Pkcs12CertificateSource(pkcs12File, pkcs12Password), cloud,
                sslSocketFactory, connectTimeout, readTimeout, scope);
    }

    /**
     * Certificate credential from any {@link CertificateSource} (PKCS#12, PEM pair); the client assertion
     * MSAL signs with it replaces the client secret (scope null = derived from the Graph host).
     */
    public static MsalTokenProvider withCertificate(String tenantId, String clientId, CertificateSource certificate,
                                                    CloudEndpoints cloud, SSLSocketFactory sslSocketFactory,
                                                    Duration connectTimeout, Duration readTimeout, String scope) {
        return new MsalTokenProvider(tenantId, clientId, CredentialSource.certificate(certificate, tenantId),
                cloud, sslSocketFactory, connectTimeout, readTimeout, scope);
    }

    private MsalTokenProvider(String tenantId, String clientId, CredentialSource credential, CloudEndpoints cloud,
                              SSLSocketFactory sslSocketFactory, Duration connectTimeout, Duration readTimeout,
                              String scope) {
        this.tenantId = requireText(tenantId, "tenantId");
        this.clientId = requireText(clientId, "clientId");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.sslSocketFactory = sslSocketFactory;
        this.connectTimeout = positive(connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout, "connectTimeout");
        this.readTimeout = positive(readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout, "readTimeout");
        this.scope = scope == null || scope.isBlank() ? cloud.scope() : scope;
        this.failures = new MsalFailureMapper(tenantId, clientId, credential.describe(), cloud.authorityHost().toString());
        this.clock = Clock.systemUTC();
    }

    /**
     * Our own reuse on top of MSAL's cache: MSAL4J misses its cache when the authority URL carries a
     * port (AzureAD/microsoft-authentication-library-for-java#529), which the emulator's does, and
     * would then fetch a token for every page.
     */
    @Override
    public String accessToken() {
        CachedToken current = cached;
        if (current != null && current.expiresOn().minus(MINIMUM_REMAINING_LIFETIME).isAfter(clock.instant())) {
            return current.token();
        }
        synchronized (this) {
            current = cached;
            if (current != null && current.expiresOn().minus(MINIMUM_REMAINING_LIFETIME).isAfter(clock.instant())) {
                return current.token();
            }
            return acquire(false);
        }
    }

    @Override
    public synchronized String refreshAccessToken() {
        return acquire(true);
    }

    public String scope() {
        return scope;
    }

    private String acquire(boolean skipCache) {
        ConfidentialClientApplication app = application();
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(scope))
                .skipCache(skipCache)
                .build();
        try {
            IAuthenticationResult result = app.acquireToken(parameters).get();
            log.debug("Token for tenant {} {} (expires {})", tenantId,
                    skipCache ? "refreshed" : "obtained or reused", result.expiresOnDate());
            Instant expiresOn = result.expiresOnDate() == null ? clock.instant() : result.expiresOnDate().toInstant();
            cached = new CachedToken(result.accessToken(), expiresOn);
            return result.accessToken();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailure(AuthenticationFailure.Reason.OTHER,
                    "Interrupted while obtaining a token for tenant " + tenantId, null, null, null);
        } catch (ExecutionException e) {
            throw failures.map(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw failures.map(e);
        }
    }

    private synchronized ConfidentialClientApplication application() {
        if (application == null) {
            IClientCredential clientCredential;
            try {
                clientCredential = credential.create();
            } catch (SecretUnavailableException e) {
                throw new AuthenticationFailure(AuthenticationFailure.Reason.SECRET_UNAVAILABLE,
                        "No credential for app " + clientId + " in tenant " + tenantId + ": " + e.getMessage(),
                        null, null, null);
            }
            failures = new MsalFailureMapper(tenantId, clientId, credential.describe(), cloud.authorityHost().toString());
            try {
                ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                        .builder(clientId, clientCredential)
                        .authority(cloud.authority(tenantId))
                        .connectTimeoutForDefaultHttpClient(millis(connectTimeout))
                        .readTimeoutForDefaultHttpClient(millis(readTimeout))
                        // MSAL4J's HttpHelper would resend a 5xx once after a fixed, real 1 s sleep (DefaultRetryPolicy);
                        // retries are the RetryingTokenProvider's alone, so that one budget bounds them all
                        .disableInternalRetries();
                if (!cloud.isMicrosoftLoginHost()) {
                    builder.instanceDiscovery(false);
                }
                if (sslSocketFactory != null) {
                    builder.sslSocketFactory(sslSocketFactory);
                }
                application = builder.build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new AuthenticationFailure(AuthenticationFailure.Reason.OTHER,
                        "Invalid authority " + cloud.authority(tenantId) + " for app " + clientId
                                + ": check the authority host and tenant id", null, null, null);
            }
        }
        return application;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static Duration positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "MsalTokenProvider[tenant=" + tenantId + ", client=" + clientId + ", authority="
                + cloud.authorityHost() + ", credential=" + credential.describe() + "]";
    }

    /** How the MSAL credential is made: read at first use, never kept by this class. */
    private interface CredentialSource {

        IClientCredential create();

        String describe();

        static CredentialSource secret(SecretSource secret) {
            Objects.requireNonNull(secret, "secret");
            return new CredentialSource() {
                @Override
                public IClientCredential create() {
                    char[] value = secret.read();
                    try {
                        // MSAL takes a String; the char[] is wiped, the String lives inside MSAL's credential
                        return ClientCredentialFactory.createFromSecret(new String(value));
                    } finally {
                        Arrays.fill(value, '\0');
                    }
                }

                @Override
                public String describe() {
                    return secret.describe();
                }
            };
        }

        static CredentialSource certificate(CertificateSource certificate, String tenantId) {
            Objects.requireNonNull(certificate, "certificate");
            return new CredentialSource() {
                private volatile String thumbprint;

                @Override
                public IClientCredential create() {
                    CertificateCredential loaded = certificate.load();
                    thumbprint = loaded.sha1Thumbprint();
                    // thumbprint and expiry are public (Entra lists them): logging them lets an operator
                    // compare with the app registration when Entra refuses the assertion
                    log.info("Tenant {} signs in with certificate {} (thumbprint {}, valid until {}) from {}",
                            tenantId, loaded.certificate().getSubjectX500Principal().getName(),
                            loaded.sha1Thumbprint(), loaded.notAfter(), certificate.describe());
                    if (loaded.notAfter().isBefore(Instant.now())) {
                        log.warn("The certificate with thumbprint {} in {} expired on {}: Entra will refuse it;"
                                + " upload a new certificate to the app registration and replace the file",
                                loaded.sha1Thumbprint(), certificate.describe(), loaded.notAfter());
                    }
                    return ClientCredentialFactory.createFromCertificateChain(loaded.privateKey(), loaded.chain());
                }

                @Override
                public String describe() {
                    String loaded = thumbprint;
                    return certificate.describe() + (loaded == null ? "" : ", certificate thumbprint " + loaded);
                }
            };
        }
    }
}
