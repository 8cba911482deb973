package com.entralake.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CredentialReviewTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);
    private static final String SECRET_ID = "d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f50";

    private static AppCredential secret(String keyId, Instant end) {
        return new AppCredential(AppCredential.Kind.SECRET, keyId, "entra-lake", end, "");
    }

    @Test
    void theConfiguredSecretFarFromExpiryGivesDaysLeftAndNoWarning() {
        CredentialReview review = CredentialReview.of(List.of(secret(SECRET_ID, NOW.plus(Duration.ofDays(400)))),
                SECRET_ID, null, NOW, NINETY_DAYS);
        assertThat(review.inUse()).isPresent();
        assertThat(review.daysLeft()).contains(400L);
        assertThat(review.expiring()).isFalse();
        assertThat(review.warnings()).isEmpty();
    }

    @Test
    void aSecretExpiringWithinTheWarningPeriodIsExpiringWithItsDaysLeft() {
        CredentialReview review = CredentialReview.of(
                List.of(secret(SECRET_ID.toUpperCase(), NOW.plus(Duration.ofDays(30)).plusSeconds(60))),
                SECRET_ID, null, NOW, NINETY_DAYS);
        assertThat(review.expiring()).isTrue();
        assertThat(review.daysLeft()).contains(30L);
        assertThat(review.warnings()).singleElement().asString().contains("expires in 30 day(s)");
    }

    @Test
    void aSecretIdThatIsNotOnTheAppIsReported() {
        CredentialReview review = CredentialReview.of(List.of(secret("11111111-1111-1111-1111-111111111111",
                NOW.plus(Duration.ofDays(400)))), SECRET_ID, null, NOW, NINETY_DAYS);
        assertThat(review.inUse()).isEmpty();
        assertThat(review.expiring()).isFalse();
        assertThat(review.warnings()).singleElement().asString().contains(SECRET_ID).contains("is not a secret of this app");
    }

    @Test
    void otherAndExpiredSecretsAndExpiringCertificatesAreWarnedAbout() {
        AppCredential other = secret("22222222-2222-2222-2222-222222222222", NOW.plus(Duration.ofDays(700)));
        AppCredential expired = secret("33333333-3333-3333-3333-333333333333", NOW.minus(Duration.ofDays(3)));
        AppCredential certificate = new AppCredential(AppCredential.Kind.CERTIFICATE,
                "44444444-4444-4444-4444-444444444444", "CN=old", NOW.plus(Duration.ofDays(10)), "ABCDEF");
        CredentialReview review = CredentialReview.of(List.of(secret(SECRET_ID, NOW.plus(Duration.ofDays(400))),
                other, expired, certificate), SECRET_ID, null, NOW, NINETY_DAYS);
        assertThat(review.expiring()).isFalse();
        assertThat(review.warnings()).hasSize(3);
        assertThat(review.warnings().get(0)).contains("22222222-2222-2222-2222-222222222222").contains("one secret per app");
        assertThat(review.warnings().get(1)).contains("33333333-3333-3333-3333-333333333333").contains("expired on");
        assertThat(review.warnings().get(2)).contains("certificate 44444444").contains("expires in 10 day(s)");
    }

    @Test
    void withoutASecretIdTheExpiryCannotBeTold() {
        CredentialReview review = CredentialReview.of(List.of(secret(SECRET_ID, NOW.plus(Duration.ofDays(5)))),
                null, null, NOW, NINETY_DAYS);
        assertThat(review.inUse()).isEmpty();
        assertThat(review.warnings()).singleElement().asString().contains("secret-id is not configured");
    }

    @Test
    void daysLeftRoundDownAndTurnNegativeOnceExpired() {
        assertThat(CredentialReview.daysUntil(NOW.plus(Duration.ofHours(47)), NOW)).isEqualTo(1);
        assertThat(CredentialReview.daysUntil(NOW.minus(Duration.ofHours(1)), NOW)).isEqualTo(-1);
    }

    @Test
    void aConfiguredCertificateIsFoundByThumbprintWhetherGraphSendsItAsHexOrBase64() {
        String hex = "8A4F0C2B9E1D3F5A7C6B8D0E2F4A6C8E0B1D3F5A";
        String base64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex));
        for (String customKeyIdentifier : List.of(hex.toLowerCase(), base64)) {
            AppCredential certificate = new AppCredential(AppCredential.Kind.CERTIFICATE,
                    "55555555-5555-5555-5555-555555555555", "CN=entra-lake", NOW.plus(Duration.ofDays(60)), customKeyIdentifier);
            CredentialReview review = CredentialReview.of(List.of(certificate), null, hex, NOW, NINETY_DAYS);
            assertThat(review.inUse()).contains(certificate);
            assertThat(review.expiring()).isTrue();
            assertThat(review.daysLeft()).contains(60L);
        }
    }

    @Test
    void aConfiguredCertificateMissingFromTheAppIsReportedAndALocalOneStillHasItsExpiry() {
        String thumbprint = "8A4F0C2B9E1D3F5A7C6B8D0E2F4A6C8E0B1D3F5A";
        CredentialReview missing = CredentialReview.of(List.of(secret(SECRET_ID, NOW.plus(Duration.ofDays(400)))),
                null, thumbprint, NOW, NINETY_DAYS);
        assertThat(missing.inUse()).isEmpty();
        assertThat(missing.warnings()).singleElement().asString().contains(thumbprint).contains("not among the app's certificates");

        AppCredential local = new AppCredential(AppCredential.Kind.CERTIFICATE, "configured certificate", "CN=entra-lake",
                NOW.plus(Duration.ofDays(12)), thumbprint);
        CredentialReview fromFile = CredentialReview.ofLocalCertificate(local, NOW, NINETY_DAYS);
        assertThat(fromFile.expiring()).isTrue();
        assertThat(fromFile.daysLeft()).contains(12L);
    }
}
