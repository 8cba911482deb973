package com.entralake.graph;

import com.entralake.auth.AccessTokenProvider;
import com.entralake.auth.AuthenticationFailure;
import com.entralake.catalog.DataType;
import com.entralake.catalog.ThrottleClass;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reads one Graph page at a time, robustly: the whole body is received and parsed before a page is
 * returned (a cut-off body is retried, never handed on as a short page); 429s wait their
 * {@code Retry-After} (shared with the tenant's other threads through the {@link RequestPacer});
 * 5xx, resets and timeouts back off exponentially with full jitter; a 401 gets one fresh token.
 * Everything else becomes a {@link GraphException} whose message says what to do.
 */
public final class GraphClient {

    private static final Logger log = LoggerFactory.getLogger(GraphClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final AccessTokenProvider tokens;
    private final RetrySettings retry;
    private final RequestPacer pacer;
    private final Sleeper sleeper;
    private final GraphCallListener listener;
    private final DoubleSupplier random;
    /** Unlimited unless the collection limits it for the whole JVM ({@link #limitPagesInFlight}). */
    private volatile InFlightPages inFlight = new InFlightPages(Integer.MAX_VALUE);

    public GraphClient(HttpClient http, AccessTokenProvider tokens, RetrySettings retry, RequestPacer pacer,
                       Sleeper sleeper, GraphCallListener listener) {
        this(http, tokens, retry, pacer, sleeper, listener, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The production set-up: a JDK HttpClient with a connect timeout that never follows redirects (a
     * bearer token must not travel to another host), real sleeps, jittered backoff.
     *
     * @param sslContext null for the JVM's default trust (set one to trust the emulator's certificate)
     */
    public static GraphClient create(AccessTokenProvider tokens, RetrySettings retry, RequestPacer pacer,
                                     GraphCallListener listener, Duration connectTimeout, javax.net.ssl.SSLContext sslContext) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            http.sslContext(sslContext);
        }
        return new GraphClient(http.build(), tokens, retry, pacer, Sleeper.REAL, listener);
    }

    /** For tests: {@code random} in [0, 1) picks the jittered backoff. */
    GraphClient(HttpClient http, AccessTokenProvider tokens, RetrySettings retry, RequestPacer pacer,
                Sleeper sleeper, GraphCallListener listener, DoubleSupplier random) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? GraphCallListener.NONE : listener;
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * GETs one page. Throws {@link GraphException} for what retrying cannot fix, and
     * {@link AuthenticationFailure} when no token can be obtained. Token failures are not retried here:
     * the token provider ({@link RetryingTokenProvider}) has already spent the attempt budget on them,
     * and retrying its outcome again would multiply that budget.
     */
    public GraphPage fetch(URI url) {
        return get(url, null, "a Graph collection (no \"value\" array)", GraphClient::parse, false);
    }

    /** Limits the collection pages this client's callers hold at once, with every other client of the JVM. */
    public void limitPagesInFlight(InFlightPages pages) {
        this.inFlight = Objects.requireNonNull(pages, "pages");
    }

    /**
     * As {@link #fetch(URI, DataType)}, for a page that stays in memory until it has been written: it takes one of
     * the JVM's places for pages in flight ({@link InFlightPages}), which {@link #releaseHeldPage()} gives back.
     */
    public GraphPage fetchHeld(URI url, DataType type) {
        return fetch(url, type, true);
    }

    /** This thread's page has been written: its place for a page in flight is free again. */
    public void releaseHeldPage() {
        inFlight.releaseThisThread();
    }

    /**
     * GETs one page of a catalogued data type: paced by the type's throttle class, and its refusals read with
     * the type's own licence answers and permissions.
     */
    public GraphPage fetch(URI url, DataType type) {
        return fetch(url, type, false);
    }

    private GraphPage fetch(URI url, DataType type, boolean held) {
        Objects.requireNonNull(type, "type");
        if (type.mode().answersOneObject()) {
            // a single object (a policy): one page of one record, with no nextLink
            return get(url, type, "a Graph entity (not a JSON object)", GraphClient::parseEntity, held);
        }
        return get(url, type, "a Graph collection (no \"value\" array)", GraphClient::parse, held);
    }

    /**
     * GETs one entity (an object, not a collection), e.g. {@code /applications(appId='…')}, with the same
     * retries and error classification as {@link #fetch(URI)}.
     */
    public JsonNode fetchEntity(URI url) {
        return get(url, null, "a Graph entity (not a JSON object)", GraphClient::parseEntity, false).records().get(0);
    }

    /** {@code type} null for a resource outside the catalogue (organization, applications): directory budget. */
    private GraphPage get(URI url, DataType type, String expected,
            java.util.function.BiFunction<URI, byte[], Optional<GraphPage>> parser, boolean held) {
        boolean delivered = false;
        try {
            GraphPage page = attempts(url, type, expected, parser, held);
            delivered = true;
            return page;
        } finally {
            if (held && !delivered) {
                inFlight.releaseThisThread(); // no page to hold: the place goes back
            }
        }
    }

    private GraphPage attempts(URI url, DataType type, String expected,
            java.util.function.BiFunction<URI, byte[], Optional<GraphPage>> parser, boolean held) {
        Objects.requireNonNull(url, "url");
        ThrottleClass endpointClass = type == null ? ThrottleClass.DIRECTORY : type.throttle();
        boolean refreshed = false;
        String refreshedToken = null;
        String lastFailure = "none";
        int lastStatus = 0;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            final int failedAttempt = attempt;
            Duration wait;
            if (held && attempt > 1) {
                inFlight.releaseThisThread(); // a failed attempt waits (back-off, throttle) without a place
            }
            try {
                // asked every attempt: cheap while cached, and a long retry series may outlive a token
                String token = refreshed ? refreshedToken : tokens.accessToken();
                RequestPacer.Permit permit = pacer.acquire(endpointClass);
                if (held) {
                    // after the budget let the request go: waiting for Graph's budget holds no place
                    inFlight.admitThisThread();
                }
                String clientRequestId = UUID.randomUUID().toString();
                listener.requestSent(url, attempt);
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(url, token, clientRequestId), HttpResponse.BodyHandlers.ofByteArray());
                } finally {
                    // Graph counted the request when it arrived, at the latest now
                    permit.answered();
                }
                int status = response.statusCode();
                lastStatus = status;
                if (status == 200) {
                    Optional<GraphPage> page = parser.apply(url, response.body());
                    if (page.isPresent()) {
                        listener.pageReceived(url, page.get().records().size(), page.get().bodyBytes());
                        return page.get(); // its place stays taken until the page is written
                    }
                    lastFailure = "HTTP 200 with a body that is not " + expected;
                    wait = backoff(attempt);
                } else if (status == 401) {
                    if (refreshed) {
                        throw GraphErrors.failure(GraphException.Kind.AUTHENTICATION, url, response, clientRequestId,
                                "Graph refused a freshly acquired token (HTTP 401). Check that the app's"
                                        + " application permissions have admin consent and that the token"
                                        + " audience/scope matches this Graph endpoint");
                    }
                    log.info("Graph answered 401 for {}; acquiring a new token once", GraphErrors.describe(url));
                    refreshedToken = tokens.refreshAccessToken();
                    refreshed = true;
                    lastFailure = "HTTP 401";
                    listener.retrying(url, attempt, lastFailure, Duration.ZERO);
                    continue;
                } else if (status == 429) {
                    Duration retryAfter = retryAfter(response).orElseGet(() -> ownBackoff(endpointClass, failedAttempt));
                    lastFailure = "HTTP 429 (throttled" + GraphErrors.code(response.body()).map(code -> ", " + code).orElse("") + ")";
                    listener.throttled(url, retryAfter);
                    // the pacer makes every thread of the tenant wait, this one included, before its next send
                    pacer.penalize(endpointClass, retryAfter);
                    if (attempt < retry.maxAttempts()) {
                        listener.retrying(url, attempt, lastFailure, retryAfter);
                        log.warn("Graph throttled {} (attempt {}/{}); pausing the tenant for {} ms",
                                GraphErrors.describe(url), attempt, retry.maxAttempts(), retryAfter.toMillis());
                    }
                    continue;
                } else if (isTransient(status)) {
                    lastFailure = "HTTP " + status + GraphErrors.code(response.body()).map(code -> " (" + code + ")").orElse("");
                    wait = retryAfter(response).orElseGet(() -> backoff(failedAttempt));
                } else {
                    throw GraphErrors.classify(url, type, response, clientRequestId);
                }
            } catch (IOException e) {
                lastStatus = 0;
                lastFailure = networkFailure(e);
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(GraphException.Kind.INTERRUPTED, 0, null,
                        "Interrupted while reading " + GraphErrors.describe(url));
            }
            if (attempt < retry.maxAttempts()) {
                listener.retrying(url, attempt, lastFailure, wait);
                log.warn("Graph request {} failed (attempt {}/{}: {}); retrying in {} ms",
                        GraphErrors.describe(url), attempt, retry.maxAttempts(), lastFailure, wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GraphException(GraphException.Kind.INTERRUPTED, 0, null,
                            "Interrupted while waiting to retry " + GraphErrors.describe(url));
                }
            }
        }
        throw new GraphException(GraphException.Kind.TRANSIENT_EXHAUSTED, lastStatus, null,
                "GET " + GraphErrors.describe(url) + " failed " + retry.maxAttempts() + " times; the last failure was "
                        + lastFailure + ". Graph or the network is unavailable or throttling heavily;"
                        + " the next run resumes from the last committed window");
    }

    private HttpRequest request(URI url, String token, String clientRequestId) {
        return HttpRequest.newBuilder(url)
                .GET()
                .timeout(retry.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("client-request-id", clientRequestId)
                .header("return-client-request-id", "true")
                .build();
    }

    /**
     * Empty when the body is not a complete Graph collection: such a page is retried, never returned short. Read as a
     * stream so that each record's own bytes are kept beside its tree: they become {@code raw_json} as Graph sent
     * them, without serialising the tree again (which cost more than parsing it).
     */
    static Optional<GraphPage> parse(URI url, byte[] body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            List<JsonNode> records = null;
            List<byte[]> raw = null;
            URI nextLink = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if ("value".equals(field) && valueToken == JsonToken.START_ARRAY) {
                    records = new ArrayList<>();
                    raw = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        JsonNode record = JSON.readTree(parser);
                        records.add(record == null ? NullNode.getInstance() : record);
                        int end = (int) parser.currentLocation().getByteOffset();
                        raw.add(java.util.Arrays.copyOfRange(body, start, end));
                    }
                } else if ("value".equals(field)) {
                    records = null; // a value that is not an array: not a collection (as a later one would not be)
                    parser.skipChildren();
                } else if ("@odata.nextLink".equals(field)) {
                    nextLink = valueToken == JsonToken.VALUE_STRING && !parser.getText().isEmpty()
                            ? URI.create(parser.getText()) : null;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || records == null) {
                return Optional.empty();
            }
            return Optional.of(new GraphPage(records, raw, nextLink, body.length));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An entity is handed on as a one-record page; a cut-off or non-object body is retried. */
    private static Optional<GraphPage> parseEntity(URI url, byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            // the response's own annotation, not a property of the object (a listing's records carry none)
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("@odata.context");
            return Optional.of(new GraphPage(List.of(root), null, body.length));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isTransient(int status) {
        return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private Duration backoff(int failedAttempt) {
        return retry.backoff(failedAttempt, random.getAsDouble());
    }

    /**
     * The wait after a 429 that named none. A class whose 429s never carry {@code Retry-After} (identity protection,
     * conditional access: 1 request per second per tenant, for all apps) is refused because its window is spent,
     * possibly by another app of the tenant; a retry before the window has passed is refused again, so the jittered
     * backoff is at least one window there.
     */
    private Duration ownBackoff(ThrottleClass endpointClass, int failedAttempt) {
        Duration backoff = backoff(failedAttempt);
        return endpointClass.sendsRetryAfter() || backoff.compareTo(endpointClass.window()) >= 0
                ? backoff : endpointClass.window();
    }

    /** Retry-After in (possibly fractional) seconds, rounded up to the next nanosecond; absent or unparsable = empty. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(GraphClient::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() < 0) {
                return Optional.empty();
            }
            BigDecimal nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING);
            return Optional.of(Duration.ofNanos(nanos.longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            // an HTTP-date would have to be compared with Graph's clock, which the job never reads
            return Optional.empty();
        }
    }

    private static String networkFailure(IOException e) {
        String what;
        if (e instanceof HttpTimeoutException) {
            what = "timed out";
        } else if (e instanceof java.net.ConnectException) {
            what = "connection refused";
        } else if (e instanceof javax.net.ssl.SSLException) {
            what = "TLS failure";
        } else {
            String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            what = text.contains("reset") ? "connection reset"
                    : text.contains("eof") || text.contains("content-length") || text.contains("bytes received")
                            ? "response cut off"
                    : "connection failed";
        }
        // JDK HttpClient messages describe the transport ("Connection reset", "header parser received
        // no bytes"); they never include request headers, so no token can leak through them
        String detail = e.getMessage() == null ? "" : ": " + truncate(e.getMessage(), 200);
        return what + " (" + e.getClass().getSimpleName() + detail + ")";
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
