package com.entralake.graph;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
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

    static GraphException classify(URI url, HttpResponse<byte[]> response, String clientRequestId) {
        int status = response.statusCode();
        String code = graphError(response.body()).map(e -> e.code).orElse(null);
        if (status == 403 && "Authentication_RequestFromNonPremiumTenantOrB2CTenant".equals(code)) {
            return failure(GraphException.Kind.LICENCE, url, response, clientRequestId,
                    "The tenant has no Microsoft Entra ID P1/P2 licence (or is a B2C tenant), which "
                            + describe(url) + " needs. Graph also answers this when Directory.Read.All is"
                            + " missing; the data type is skipped and probed again next run");
        }
        if (status == 403) {
            return failure(GraphException.Kind.PERMISSION, url, response, clientRequestId,
                    "The app is not allowed to read " + describe(url) + ". Grant it the application"
                            + " permission(s) " + permissionsFor(url) + " and give admin consent"
                            + " (Entra admin center > App registrations > API permissions)");
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

    /** The required permissions of the catalogued data type served at this path, if any. */
    private static String permissionsFor(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return DataTypeCatalog.all().stream()
                .filter(type -> path.endsWith(type.graphPath()))
                .findFirst()
                .map(DataType::permissions)
                .map(list -> String.join(" and ", list))
                .orElse("this endpoint needs");
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
