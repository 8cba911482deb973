package com.entralake.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request to the emulator and the way every answer is written: Graph's headers, Graph's error shape, the
 * served-request log, and the truncation fault (half a body, then the connection drops).
 */
final class Exchange {

    static final String GRAPH_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    /** Thrown to make the JDK server close the connection (reset / truncation faults). */
    static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("connection dropped on purpose by a fault", null, false, false);
        }
    }

    final HttpExchange ex;
    final Instant received = Instant.now();
    final String method;
    /** Raw path, e.g. {@code /v1.0/auditLogs/signIns}. */
    final String path;
    final String rawQuery;
    final String requestId = UUID.randomUUID().toString();
    final String clientRequestId;
    private final List<ServedRequest> log;
    String tenantId;
    boolean truncate;

    Exchange(HttpExchange ex, List<ServedRequest> log) {
        this.ex = ex;
        this.log = log;
        this.method = ex.getRequestMethod();
        this.path = ex.getRequestURI().getRawPath();
        this.rawQuery = ex.getRequestURI().getRawQuery();
        String crid = ex.getRequestHeaders().getFirst("client-request-id");
        this.clientRequestId = crid != null ? crid : requestId;
    }

    void log(int status, String retryAfter) {
        log.add(new ServedRequest(received, method, path, rawQuery, status, retryAfter, tenantId));
    }

    void send(int status, String contentType, byte[] body, Map<String, String> headers, String retryAfter) throws IOException {
        send(status, contentType, body, headers, retryAfter, null);
    }

    /**
     * {@code beforeLastByte} runs after all of the body but its last byte has been written: the client cannot hold the
     * complete response before it returns, so whatever it changes (clock, records, faults) is in place before the client
     * can ask for the next page.
     */
    void send(int status, String contentType, byte[] body, Map<String, String> headers, String retryAfter,
              Runnable beforeLastByte) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        log(status, retryAfter);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            OutputStream os = ex.getResponseBody();
            if (truncate) {
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

    private Map<String, String> graphHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("request-id", requestId);
        h.put("client-request-id", clientRequestId);
        h.put("OData-Version", "4.0");
        h.put("Cache-Control", "no-cache");
        h.put("Strict-Transport-Security", "max-age=31536000");
        h.put("x-ms-ags-diagnostic", "{\"ServerInfo\":{\"DataCenter\":\"Emulator\",\"Slice\":\"E\",\"Ring\":\"0\",\"ScaleUnit\":\"000\",\"RoleInstance\":\"EMU\"}}");
        return h;
    }

    void graphJson(int status, ObjectNode body) throws IOException {
        graphJson(status, body, null, Map.of(), null);
    }

    void graphJson(int status, ObjectNode body, String retryAfter, Map<String, String> extra, Runnable beforeLastByte)
            throws IOException {
        Map<String, String> h = graphHeaders();
        h.putAll(extra);
        send(status, GRAPH_CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8), h, retryAfter, beforeLastByte);
    }

    void graphError(int status, String code, String message) throws IOException {
        graphError(status, code, message, null, Map.of());
    }

    void graphError(int status, String code, String message, String retryAfter) throws IOException {
        graphError(status, code, message, retryAfter, Map.of());
    }

    /** {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}} */
    void graphError(int status, String code, String message, String retryAfter, Map<String, String> extra) throws IOException {
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
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId);
        graphJson(status, root, retryAfter, extra, null);
    }

    /** Graph's directory answer to an app without the permission an endpoint needs. */
    void denied() throws IOException {
        graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
}
