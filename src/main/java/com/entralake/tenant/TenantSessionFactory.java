package com.entralake.tenant;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import com.entralake.auth.AccessTokenProvider;
import com.entralake.auth.CloudEndpoints;
import com.entralake.auth.CertificateSource;
import com.entralake.auth.MsalTokenProvider;
import com.entralake.catalog.ThrottleClass;
import com.entralake.config.EntraLakeProperties;
import com.entralake.graph.GraphCallStats;
import com.entralake.graph.GraphClient;
import com.entralake.graph.InFlightPages;
import com.entralake.graph.RequestPacer;
import com.entralake.graph.RetrySettings;
import com.entralake.graph.RetryingTokenProvider;
import com.entralake.graph.Sleeper;
import com.entralake.graph.Ticker;
import com.entralake.lock.TenantLock;
import com.entralake.memory.HeapPlan;

/**
 * Builds a tenant's session: MSAL token provider (retried like Graph, see {@link RetryingTokenProvider}), HTTP
 * client trusting the configured trust store (and nothing looser), the tenant's own request pacer. Signs in once
 * up front so a wrong or expired secret or certificate is reported before any job starts.
 */
public final class TenantSessionFactory {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TenantSessionFactory.class);

    private final EntraLakeProperties.Http http;
    private final SSLContext sslContext;
    /** Shared by every tenant's client: the heap holds so many pages at once, however many tenants run. */
    private final InFlightPages pagesInFlight;
    private final int tenantsAtOnce;
    private final AtomicBoolean warnedAboutHeap = new AtomicBoolean();
    /**
     * One HTTP client for every tenant (it is thread-safe, and nothing in it is the tenant's: the token is a header
     * of each request): each JDK client has its own selector thread, executor and connection pool, which fifty
     * tenants multiplied into hundreds of threads.
     */
    private volatile HttpClient httpClient;

    public TenantSessionFactory(EntraLakeProperties.Http http, SSLContext sslContext) {
        this(http, sslContext, 2);
    }

    /**
     * @param tenantsAtOnce {@code entralake.collection.tenant-parallelism}, or fewer when fewer tenants are
     *                      configured: what the heap must serve at once
     */
    public TenantSessionFactory(EntraLakeProperties.Http http, SSLContext sslContext, int tenantsAtOnce) {
        this.http = http;
        this.sslContext = sslContext;
        this.tenantsAtOnce = tenantsAtOnce;
        this.pagesInFlight = InFlightPages.forHeap(Runtime.getRuntime().maxMemory(), tenantsAtOnce);
    }

    private synchronized HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = HttpClient.newBuilder()
                    .sslContext(sslContext)
                    .connectTimeout(http.getConnectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return httpClient;
    }

    /** Said once, when the first tenant is opened (not by commands that collect nothing). */
    private void warnOnceIfTheHeapMakesTenantsTakeTurns() {
        long heap = Runtime.getRuntime().maxMemory();
        if (pagesInFlight.places() < tenantsAtOnce && !warnedAboutHeap.getAndSet(true)) {
            log.warn("{} tenants are collected at once, but a heap of {} MiB holds {} Graph page(s) at a time beside"
                    + " their writers: the tenants take turns, and collect slower than Graph allows. For every tenant at"
                    + " full speed run java -Xmx{}m, or lower entralake.collection.tenant-parallelism",
                    tenantsAtOnce, heap >> 20, pagesInFlight.places(), HeapPlan.heapForEveryTenant(tenantsAtOnce) >> 20);
        }
    }

    /** A session that only reads (test-connectivity): it holds no tenant lock. */
    public TenantSession open(EntraLakeProperties.Tenant tenant) {
        return open(tenant, TenantLock.NONE);
    }

    /** A session for collecting, under the tenant lock the run holds. */
    public TenantSession open(EntraLakeProperties.Tenant tenant, TenantLock lock) {
        URI graphBase = URI.create(stripSlash(tenant.getGraphBaseUrl()));
        CloudEndpoints endpoints = new CloudEndpoints(URI.create(stripSlash(tenant.getAuthorityHost())), graphBase);
        String scope = tenant.getScope() == null || tenant.getScope().isBlank() ? null : tenant.getScope();
        GraphCallStats stats = new GraphCallStats();
        RetrySettings retry = new RetrySettings(http.getMaxAttempts(), http.getRetryBase(), http.getRetryCap(),
                http.getReadTimeout());
        // the token endpoint gets Graph's attempt budget and backoff; its retries count in the tenant's stats
        AccessTokenProvider tokens = new RetryingTokenProvider(tokenProvider(tenant, endpoints, scope),
                tenant.getTenantId(), endpoints.authorityHost(), retry, Sleeper.REAL, stats);
        tokens.accessToken();
        long signInRetries = stats.retries();
        HttpClient client = httpClient();
        // one pacer per tenant: Graph's audit-log limit is per app per tenant
        RequestPacer pacer = new RequestPacer(Map.of(ThrottleClass.REPORTS,
                new RequestPacer.Budget(http.getAuditLogRequestsPer10s(), Duration.ofSeconds(10))), Ticker.SYSTEM, Sleeper.REAL);
        GraphClient graph = new GraphClient(client, tokens, retry, pacer, Sleeper.REAL, stats);
        graph.limitPagesInFlight(pagesInFlight);
        warnOnceIfTheHeapMakesTenantsTakeTurns();
        return new TenantSession(tenant, graphBase, tokens, graph, stats, signInRetries, lock);
    }

    /** A certificate when one is configured (the validator allows only one credential), else the secret. */
    private AccessTokenProvider tokenProvider(EntraLakeProperties.Tenant tenant, CloudEndpoints endpoints, String scope) {
        Optional<CertificateSource> certificate = TenantCredentials.certificate(tenant);
        if (certificate.isPresent()) {
            return MsalTokenProvider.withCertificate(tenant.getTenantId(), tenant.getClientId(), certificate.get(),
                    endpoints, sslContext.getSocketFactory(), http.getConnectTimeout(), http.getReadTimeout(), scope);
        }
        return new MsalTokenProvider(tenant.getTenantId(), tenant.getClientId(), TenantCredentials.secret(tenant),
                endpoints, sslContext.getSocketFactory(), http.getConnectTimeout(), http.getReadTimeout(), scope);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
