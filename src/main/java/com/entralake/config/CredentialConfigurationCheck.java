package com.entralake.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The credential part of a tenant's configuration: exactly one of a client secret, a PKCS#12
 * certificate or a PEM certificate and key, each complete. Checked before anything runs (exit 2). The
 * files themselves are state, not configuration: they are read when signing in, where a missing or
 * unreadable one fails only its own tenant (like a secret file), and {@code status} needs none of them.
 */
final class CredentialConfigurationCheck {

    private CredentialConfigurationCheck() {
    }

    static void check(EntraLakeProperties.Tenant t, String where, String of, ConfigurationProblems problems) {
        boolean secretEnv = hasText(t.getClientSecretEnv());
        boolean secretFile = t.getClientSecretFile() != null;
        boolean pkcs12 = t.getClientCertificateFile() != null;
        boolean pem = t.getClientCertificatePemFile() != null || t.getClientPrivateKeyPemFile() != null;
        List<String> kinds = new ArrayList<>();
        if (secretEnv || secretFile) {
            kinds.add("a client secret (client-secret-env/-file)");
        }
        if (pkcs12) {
            kinds.add("a PKCS#12 certificate (client-certificate-file)");
        }
        if (pem) {
            kinds.add("a PEM certificate (client-certificate-pem-file/client-private-key-pem-file)");
        }
        if (kinds.isEmpty()) {
            problems.add(where, of, ": no credential; set exactly one of client-secret-env or client-secret-file"
                    + " (where the client secret's value is), client-certificate-file (a PKCS#12 file) or"
                    + " client-certificate-pem-file with client-private-key-pem-file (PEM)");
        } else if (kinds.size() > 1) {
            problems.add(where, of, ": more than one credential is set (" + String.join(", ", kinds)
                    + "); set exactly one, so it is clear which one signs in");
        }
        if (secretEnv && secretFile) {
            problems.add(where, of, ": set exactly one of client-secret-env (an environment variable name) "
                    + "or client-secret-file (a file path); the secret value itself never goes in the configuration");
        }
        boolean passwordEnv = hasText(t.getClientCertificatePasswordEnv());
        boolean passwordFile = t.getClientCertificatePasswordFile() != null;
        if ((passwordEnv || passwordFile) && !pkcs12) {
            problems.add(where, of, ": client-certificate-password-env/-file only apply to client-certificate-file"
                    + " (a PKCS#12 file); a PEM private key is read unencrypted");
        }
        if (passwordEnv && passwordFile) {
            problems.add(where, of, ": set at most one of client-certificate-password-env or"
                    + " client-certificate-password-file");
        }
        if (pem) {
            if (t.getClientCertificatePemFile() == null || t.getClientPrivateKeyPemFile() == null) {
                problems.add(where, of, ": a PEM credential needs both client-certificate-pem-file (the certificate)"
                        + " and client-private-key-pem-file (its PKCS#8 private key)");
            }
        }
        if ((pkcs12 || pem) && hasText(t.getSecretId())) {
            // secret-id names a client secret; with a certificate it would describe a credential not in use
            problems.add(where + ".secret-id", of, "names a client secret, but this tenant signs in with a"
                    + " certificate: remove secret-id");
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
