package com.entralake.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.entralake.config.ConfigurationException;

/**
 * The TLS context for Graph and the token endpoint: the JVM's default trust, or exactly the certificates
 * of a configured PKCS#12 trust store (how the demo and the tests trust the emulator). Certificate and
 * host name checks always stay on.
 */
public final class TrustStoreSslContext {

    private TrustStoreSslContext() {
    }

    public static SSLContext create(Path trustStore, char[] password) {
        try {
            if (trustStore == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore)) {
                store.load(in, password);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("cannot load trust store " + trustStore + ": " + e.getMessage());
        }
    }
}
