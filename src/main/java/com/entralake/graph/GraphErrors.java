package com.entralake.graph;

import com.entralake.catalog.ApiVersion;

import com.entralake.catalog.DataType;
import com.entralake.catalog.LicenceRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Turns Graph's non-retryable answers into a {@link GraphException} an operator can act on. */
final class GraphErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphErrors() {
    }

    /**
     * {@code type} is the catalogued data type the URL reads, or null for another resource: only a type's own
     * licence answers (its catalogue entry) make a refusal a licence problem, so the same 403 from an endpoint
     * that needs no licence stays a permission problem.
     */
    static GraphException classify(URI url, DataType type, HttpResponse<byte[]> response, String clientRequestId) {
        int status = response.statusCode();
        Optional<GraphError> error = graphError(response.body());
        // Graph's explicit "insufficient privileges" is a permission problem whatever the type's licence answers are
        boolean deniedPermission = status == 403 && error.map(e -> "Authorization_RequestDenied".equalsIgnoreCase(e.code))
                .orElse(false);
        Optional<LicenceRefusal> refusal = type == null || deniedPermission ? Optional.empty()
                : type.licence().refusal(status, error.map(e -> e.code).orElse(null), error.map(e -> e.message).orElse(null));
        if (refusal.isPresent()) {
            return failure(GraphException.Kind.LICENCE, url, response, clientRequestId,
                    "The tenant has no " + refusal.get().explanation() + ", which " + describe(url) + " needs"
                            + (refusal.get().alsoMeans() == null ? "" : ". " + refusal.get().alsoMeans())
                            + "; the data type is skipped and probed again next run");
        }
        if (type != null && type.version() == ApiVersion.BETA && (status == 400 || status == 404 || status == 410)) {
            // Microsoft changes and withdraws beta endpoints (the Agent Registry APIs are being replaced in 2026): for
            // a catalogued beta type these answers mean the tenant's Graph no longer serves it, not a broken request
            return failure(GraphException.Kind.WITHDRAWN, url, response, clientRequestId,
                    "Graph does not serve the beta endpoint " + describe(url) + " (HTTP " + status + "): Microsoft may"
                            + " have changed or withdrawn it; the data type is skipped and probed again next run");
        }
        if (status == 403) {
            return failure(GraphException.Kind.PERMISSION, url, response, clientRequestId,
                    "The app is not allowed to read " + describe(url) + ". Grant it the application"
                            + " permission(s) " + (type == null ? "this endpoint needs"
                                    : String.join(" and ", type.leastPrivilegedPermissions()))
                            + " and give admin consent (Entra admin center > App registrations > API permissions)");
        }
        if (status == 400) {
            return failure(GraphException.Kind.BAD_REQUEST, url, response, clientRequestId,
                    "Graph rejected the request GET " + describe(url));
        }
        if (status == 404) {
            return failure(GraphException.Kind.NOT_FOUND, url, response, clientRequestId,
                    "Graph has no " + describe(url) + " (HTTP 404). Check the Graph base URL and API version");
        }
        return failure(GraphException.Kind.UNEXPECTED_RESPONSE, url, response, clientRequestId,
                "Graph answered HTTP " + status + " to GET " + describe(url));
    }

    static GraphException failure(GraphException.Kind kind, URI url, HttpResponse<byte[]> response,
                                          String clientRequestId, String advice) {
        Optional<GraphError> error = graphError(response.body());
        String requestId = response.headers().firstValue("request-id").orElse(null);
        StringBuilder message = new StringBuilder(advice).append('.');
        error.ifPresent(e -> message.append(" Graph said: ").append(e.code)
                .append(e.message == null ? "" : ": " + e.message));
        message.append(" [HTTP ").append(response.statusCode());
        if (requestId != null) {
            message.append(", request-id ").append(requestId);
        }
        message.append(", client-request-id ").append(clientRequestId).append(']');
        return new GraphException(kind, response.statusCode(), error.map(e -> e.code).orElse(null), message.toString());
    }


    private record GraphError(String code, String message) {
    }

    private static Optional<GraphError> graphError(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject() || !error.path("code").isTextual()) {
                return Optional.empty();
            }
            String message = error.path("message").isTextual() ? truncate(error.path("message").asText(), 500) : null;
            return Optional.of(new GraphError(truncate(error.path("code").asText(), 100), message));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Graph's {@code error.code}, if the body is a Graph error. */
    static Optional<String> code(byte[] body) {
        return graphError(body).map(GraphError::code);
    }

    /**
     * Path and query for messages and logs. Opaque paging tokens are shortened: they are long and say
     * nothing to a reader. (The access token travels in a header and never appears here.)
     */
    static String describe(URI url) {
        String query = url.getRawQuery();
        String path = url.getRawPath();
        if (query == null) {
            return path;
        }
        return path + "?" + query.replaceAll("(?i)(\\$(skiptoken|deltatoken)=)[^&]{12,}", "$1…");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
