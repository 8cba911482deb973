package com.entralake.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A certificate credential in a PKCS#12 file (.pfx/.p12), as Key Vault, Windows and
 * {@code openssl pkcs12 -export} produce it. Read with the JDK's own PKCS#12 support rather than MSAL's,
 * so that every way it can go wrong (wrong password, no key, several keys, not RSA) gets its own message.
 */
public final class Pkcs12CertificateSource implements CertificateSource {

    private final Path file;
    private final SecretSource password;

    /**
     * @param password where the file's password is; null for a file without one (Key Vault's
     *                 downloads have an empty password)
     */
    public Pkcs12CertificateSource(Path file, SecretSource password) {
        this.file = Objects.requireNonNull(file, "file");
        this.password = password;
    }

    @Override
    public CertificateCredential load() {
        char[] secret = password == null ? new char[0] : password.read();
        try {
            KeyStore store = open(secret);
            String alias = onlyKeyAlias(store);
            Key key = store.getKey(alias, secret);
            if (!(key instanceof PrivateKey privateKey) || !"RSA".equals(key.getAlgorithm())) {
                throw unusable("its private key is " + (key == null ? "missing" : key.getAlgorithm())
                        + ", but Entra client assertions are signed with RS256 and need an RSA key");
            }
            return new CertificateCredential(privateKey, chain(store, alias));
        } catch (UnrecoverableKeyException e) {
            throw unusable("the private key has another password than the file; " + passwordAdvice());
        } catch (GeneralSecurityException e) {
            throw unusable("it cannot be read (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private KeyStore open(char[] secret) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret);
            return store;
        } catch (NoSuchFileException e) {
            throw new SecretUnavailableException("certificate file " + file + " does not exist");
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SecretUnavailableException("certificate file " + file + " does not open with "
                        + passwordAdvice());
            }
            throw unusable("it is not readable or not a PKCS#12 (.pfx/.p12) file (" + e.getClass().getSimpleName()
                    + "); for a PEM certificate and key use client-certificate-pem-file and client-private-key-pem-file");
        }
    }

    private String onlyKeyAlias(KeyStore store) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw unusable(keys.isEmpty()
                    ? "it holds no private key (only certificates): export the certificate with its private key"
                    : "it holds " + keys.size() + " private keys " + keys + "; export only the app's certificate");
        }
        return keys.get(0);
    }

    private static List<X509Certificate> chain(KeyStore store, String alias) throws GeneralSecurityException {
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            chain = new Certificate[] {store.getCertificate(alias)};
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : chain) {
            if (c instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }

    private String passwordAdvice() {
        return password == null
                ? "an empty password, and no password is configured: set client-certificate-password-env or"
                        + " client-certificate-password-file"
                : "the password from " + password.describe() + ": check that it holds this file's password";
    }

    private SecretUnavailableException unusable(String why) {
        return new SecretUnavailableException("certificate file " + file + " cannot be used: " + why);
    }

    @Override
    public String describe() {
        return "certificate file " + file + (password == null ? " (no password)" : " (password from " + password.describe() + ")");
    }

    @Override
    public String toString() {
        return describe();
    }
}
