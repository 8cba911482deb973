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
import com.entralake.schema.GraphSchemaCatalog;

/**
 * HTTPS emulator of the Entra token endpoint and the Microsoft Graph endpoints Entra Lake reads. See package docs in
 * sample-data/README.md. Binds 127.0.0.1 only.
 */
public final class GraphEmulator implements AutoCloseable {
    /** Graph's content type for JSON answers. */
    public static final String GRAPH_CONTENT_TYPE = Exchange.GRAPH_CONTENT_TYPE;
    private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token/?$");
    private static final Pattern OIDC_PATH = Pattern.compile("^/([^/]+)/v2\\.0/\\.well-known/openid-configuration/?$");

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Path trustStore;
    private final boolean tempTrustStore;
    private final char[] trustStorePassword;
    private final EmulatorClock clock = new EmulatorClock();
    private final TenantDirectory tenants = new TenantDirectory();
    private final Faults faults;
    private final PageFaults pageFaults = new PageFaults();
    private final List<ServedRequest> log = new CopyOnWriteArrayList<>();
    private final EventListing eventListing;
    private final List<PageListener> pageListeners = new CopyOnWriteArrayList<>();
    private final AccessTokens tokens = new AccessTokens();
    private final URI base;
    private final TokenEndpoint tokenEndpoint;
    private final GraphRouter graph;
    private volatile String demoTenantId;

    private GraphEmulator(EmulatorOptions options) throws IOException {
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
        tokenEndpoint = new TokenEndpoint(tenants, faults, clock, tokens, base);
        PageServed served = (tenantId, path, page, count) -> pageListeners.forEach(l -> l.pageServed(tenantId, path, page, count));
        GraphSchemaCatalog schemas = GraphSchemaCatalog.load();
        eventListing = new EventListing(base, faults, pageFaults, served);
        graph = new GraphRouter(base, tenants, tokens, new GraphFaults(faults, pageFaults), eventListing,
                new DirectoryListing(base, faults, pageFaults, served, schemas),
                new SingleObjectResource(pageFaults, served, schemas), new TenantEntities(clock));
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
        return tenants.find(tenantId).orElseThrow(() -> new IllegalArgumentException("unknown tenant " + tenantId));
    }

    /** The demo tenant loaded from sample data, or null. */
    public EmulatedTenant demoTenant() {
        return demoTenantId == null ? null : tenant(demoTenantId);
    }

    public EmulatedTenant addTenant(TenantSpec spec) {
        EmulatedTenant t = new EmulatedTenant(spec, clock);
        tenants.add(t);
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

    /** Writes every event page served from now on to {@code folder} too (benchmarks: the same pages for DuckDB). */
    public void recordEventPages(java.nio.file.Path folder) {
        eventListing.recordPagesTo(folder);
    }

    public void clearRequestLog() {
        log.clear();
    }

    public void onPageServed(PageListener listener) {
        pageListeners.add(listener);
    }

    /** Issues an access token directly (tests: expired tokens, tokens with chosen roles). Wall-clock times. */
    public String issueAccessToken(String tenantId, String clientId, Set<String> roles, Instant issuedAt, Duration lifetime) {
        String appName = tenants.find(tenantId).flatMap(t -> t.app(clientId)).map(AppRegistration::displayName).orElse(null);
        return tokens.issue(tenantId, clientId, appName, roles, issuedAt, lifetime);
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

    private void handle(HttpExchange ex) throws IOException {
        Exchange c = new Exchange(ex, log);
        try {
            Matcher tm = TOKEN_PATH.matcher(c.path);
            Matcher om = OIDC_PATH.matcher(c.path);
            if (GraphRouter.isGraphPath(c.path)) {
                graph.handle(c);
            } else if (tm.matches()) {
                c.tenantId = tm.group(1);
                tokenEndpoint.token(c, tm.group(1));
            } else if (om.matches()) {
                c.tenantId = om.group(1);
                tokenEndpoint.openidConfiguration(c, om.group(1));
            } else {
                c.graphError(400, "BadRequest", "Invalid version.");
            }
        } catch (Exchange.DropConnection d) {
            throw d; // the JDK server closes the connection on a handler exception
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            c.graphError(500, "InternalServerError", "Emulator failure: " + e.getClass().getSimpleName());
        }
    }
}
