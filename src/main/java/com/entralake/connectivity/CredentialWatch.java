package com.entralake.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.entralake.notify.ExpiryWebhook;
import com.entralake.repository.BestEffortUse;
import com.entralake.tenant.TenantSession;

/**
 * The secret-expiry check of every collect run: reads the app's own credentials (when the app holds
 * Application.Read.All), logs each warning, stores the expiry for {@code status}, and notifies the
 * webhook. It never fails a run: a collector that cannot read its own registration still collects.
 */
public final class CredentialWatch {

    private static final Logger log = LoggerFactory.getLogger(CredentialWatch.class);

    private final ConnectivityStore store;
    private final Duration warnWithin;
    private final Optional<ExpiryWebhook> webhook;

    public CredentialWatch(ConnectivityStore store, Duration warnWithin, Optional<ExpiryWebhook> webhook) {
        this.store = store;
        this.warnWithin = warnWithin;
        this.webhook = webhook;
    }

    public Optional<CredentialReview> check(TenantSession session, Set<String> roles, Instant now) {
        try {
            // Get application accepts Application.Read.All or the broader Directory.Read.All
            Optional<AppRegistrationDetails> registration = roles.contains(ConnectivityCheck.APPLICATION_READ_ALL)
                    || roles.contains("Directory.Read.All") ? TenantFacts.registration(session) : Optional.empty();
            Optional<CredentialReview> review = ConfiguredCredential.review(registration, session.config(), now, warnWithin);
            if (review.isEmpty()) {
                log.debug("{}: the app registration cannot be read; secret expiry not checked", session.name());
            }
            review.ifPresent(r -> report(session, r, now));
            return review;
        } catch (RuntimeException e) {
            // reading the registration from Graph, not a use of the job repository: report() handles its own
            log.warn("{}: the secret expiry could not be checked: {}", session.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private void report(TenantSession session, CredentialReview review, Instant now) {
        review.warnings().forEach(w -> log.warn("{}: {}", session.name(), w));
        // the notice first: a database hiccup must not swallow the one thing a person has to act on
        notifyIfNeeded(session.name(), session.tenantId(), session.config().getClientId(),
                session.config().getSecretId(), review);
        try {
            store.saveCredentials(session.tenantId(), now, review);
        } catch (RuntimeException e) {
            BestEffortUse.failed(log, session.name() + ": the secret expiry could not be stored for status", e);
        }
    }

    /** Posts to the webhook, if one is configured and the review has something to say. */
    public void notifyIfNeeded(String name, String tenantId, String clientId, String secretId, CredentialReview review) {
        if (ExpiryWebhook.deserves(review)) {
            webhook.ifPresent(w -> w.send(name, tenantId, clientId, secretId, review));
        }
    }
}
