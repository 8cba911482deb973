package com.entralake.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the app registration's credentials say about the one Entra Lake signs in with: when it expires,
 * and what else deserves a warning (a configured Secret ID that is not on the app, other or expired
 * secrets — the integration's guide calls several secrets on one app bad practice — and certificates
 * nearing expiry).
 *
 * @param configuredId the Secret ID or certificate thumbprint the configuration names (null: neither)
 * @param inUse     the credential matching it on the app, if found
 * @param warnings  one sentence each, for the log, the connectivity report and the webhook
 * @param expiring  the credential in use expires within the warning period (or already has)
 */
public record CredentialReview(String configuredId, Optional<AppCredential> inUse, Optional<Long> daysLeft, List<String> warnings,
                               boolean expiring) {

    public CredentialReview {
        warnings = List.copyOf(warnings);
    }

    /** The configured credential is named but not on the app: expiry unknown, and something to fix. */
    public boolean configuredButNotFound() {
        return configuredId != null && inUse.isEmpty();
    }

    /**
     * @param secretId     the configured Secret ID, or null (certificate sign-in, or not configured)
     * @param thumbprint   the configured certificate's thumbprint as Graph shows it, or null
     */
    public static CredentialReview of(List<AppCredential> credentials, String secretId, String thumbprint,
            Instant now, Duration warnWithin) {
        List<String> warnings = new ArrayList<>();
        Optional<AppCredential> inUse = credentials.stream().filter(c -> matches(c, secretId, thumbprint)).findFirst();
        if (inUse.isEmpty()) {
            if (secretId != null && !secretId.isBlank()) {
                warnings.add("the configured Secret ID " + secretId + " is not a secret of this app: check secret-id"
                        + " (it is the 'Secret ID' column beside the secret in Entra), or the secret was deleted");
            } else if (thumbprint != null) {
                warnings.add("the configured certificate (thumbprint " + thumbprint + ") is not among the app's"
                        + " certificates: upload its public part under Certificates & secrets");
            } else {
                warnings.add("secret-id is not configured, so the expiry of the secret in use cannot be checked");
            }
        }
        Optional<Long> daysLeft = inUse.map(c -> daysUntil(c.endDateTime(), now));
        boolean expiring = inUse.isPresent() && inUse.get().endDateTime() != null
                && !inUse.get().endDateTime().isAfter(now.plus(warnWithin));
        inUse.filter(c -> expiring).ifPresent(c -> warnings.add(c.describe() + (daysLeft.get() < 0
                ? " expired on " + c.endDateTime() : " expires in " + daysLeft.get() + " day(s), on " + c.endDateTime())
                + ": create a new one, put it in the configured secret source, then delete the old one"));
        List<AppCredential> secrets = credentials.stream().filter(c -> c.kind() == AppCredential.Kind.SECRET).toList();
        for (AppCredential other : secrets) {
            if (inUse.isPresent() && other.equals(inUse.get())) {
                continue;
            }
            if (other.endDateTime() != null && !other.endDateTime().isAfter(now)) {
                warnings.add(other.describe() + " expired on " + other.endDateTime() + ": delete it from the app");
            } else if (inUse.isPresent()) {
                warnings.add("the app also carries " + other.describe() + ": one secret per app is the practice"
                        + " (keep a second only while rotating)");
            }
        }
        for (AppCredential cert : credentials) {
            if (cert.kind() == AppCredential.Kind.CERTIFICATE && !cert.equals(inUse.orElse(null))
                    && cert.endDateTime() != null && !cert.endDateTime().isAfter(now.plus(warnWithin))) {
                long days = daysUntil(cert.endDateTime(), now);
                warnings.add(cert.describe() + (days < 0 ? " expired on " : " expires in " + days + " day(s), on ")
                        + cert.endDateTime());
            }
        }
        String configuredId = secretId != null && !secretId.isBlank() ? secretId : thumbprint;
        return new CredentialReview(configuredId, inUse, daysLeft, warnings, expiring);
    }

    /**
     * Without the app registration (no Application.Read.All), a certificate's expiry is still known from the
     * certificate file itself.
     */
    public static CredentialReview ofLocalCertificate(AppCredential certificate, Instant now, Duration warnWithin) {
        return of(java.util.List.of(certificate), null, certificate.customKeyIdentifier(), now, warnWithin);
    }

    private static boolean matches(AppCredential c, String secretId, String thumbprint) {
        if (c.kind() == AppCredential.Kind.SECRET) {
            return secretId != null && secretId.equalsIgnoreCase(c.keyId());
        }
        return thumbprint != null && thumbprint.equalsIgnoreCase(asHex(c.customKeyIdentifier()));
    }

    /**
     * customKeyIdentifier is an Edm.Binary defaulting to the certificate's SHA-1 thumbprint; it is seen
     * both as the hex thumbprint and base64-encoded, so both are read as hex.
     */
    static String asHex(String customKeyIdentifier) {
        if (customKeyIdentifier == null || customKeyIdentifier.matches("[0-9A-Fa-f]{40}")) {
            return customKeyIdentifier;
        }
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(java.util.Base64.getDecoder().decode(customKeyIdentifier));
        } catch (IllegalArgumentException e) {
            return customKeyIdentifier;
        }
    }

    /** Whole days left, rounded down; negative once expired. */
    static long daysUntil(Instant end, Instant now) {
        if (end == null) {
            return Long.MAX_VALUE;
        }
        return Math.floorDiv(Duration.between(now, end).toSeconds(), 86_400L);
    }
}
