package com.entralake.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.entralake.connectivity.AppCredential;
import com.entralake.connectivity.CredentialReview;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Posts a JSON notice to the configured webhook when a credential needs attention: which tenant, which
 * Secret ID, how many days are left, and the warnings in words. It can only say what the review holds,
 * and the review never holds a secret value. A webhook that fails is logged, never fails a run.
 */
public final class ExpiryWebhook {

    private static final Logger log = LoggerFactory.getLogger(ExpiryWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http;

    /**
     * {@code sslContext} is the one Graph calls use, so an https webhook is verified the same way. The URL is
     * parsed only when sending (after the configuration was validated), so a malformed one never reaches an
     * exception message: webhook URLs carry tokens.
     */
    public ExpiryWebhook(String url, SSLContext sslContext, Duration timeout) {
        this.url = url;
        this.http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether a review deserves a notice: the credential in use is expiring, or something else is wrong. */
    public static boolean deserves(CredentialReview review) {
        return review.expiring() || !review.warnings().isEmpty();
    }

    public void send(String tenantName, String tenantId, String clientId, String secretId, CredentialReview review) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", "entra-lake.credential-expiry");
        body.put("tenantName", tenantName);
        body.put("tenantId", tenantId);
        body.put("clientId", clientId);
        body.put("secretId", secretId);
        review.inUse().ifPresent(c -> {
            body.put("credential", c.kind() == AppCredential.Kind.SECRET ? "client secret" : "certificate");
            body.put("keyId", c.keyId());
            body.put("expiresAt", c.endDateTime() == null ? null : c.endDateTime().toString());
        });
        review.daysLeft().ifPresent(days -> body.put("daysLeft", days));
        body.put("expiring", review.expiring());
        review.warnings().forEach(body.withArray("warnings")::add);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            log.warn("the secret-expiry webhook URL is not a URL; nothing sent");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("the secret-expiry webhook {} answered HTTP {}", hostOf(uri), response.statusCode());
            } else {
                log.info("{}: secret-expiry notice sent to {}", tenantName, hostOf(uri));
            }
        } catch (IOException e) {
            log.warn("the secret-expiry webhook {} could not be reached: {}", hostOf(uri), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Webhook URLs often carry a token in their path or query: only the host is ever logged. */
    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
