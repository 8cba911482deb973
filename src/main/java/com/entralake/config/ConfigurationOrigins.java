package com.entralake.config;

import java.util.Optional;

/**
 * Where a configuration key was set, for messages: {@code "production.yml line 12"}. Keeps
 * {@link ConfigurationValidator} free of Spring: the validator asks, {@code EnvironmentOrigins} answers
 * from Spring's property sources.
 */
@FunctionalInterface
public interface ConfigurationOrigins {

    /** No origins known (unit tests, properties built in code). */
    ConfigurationOrigins NONE = key -> Optional.empty();

    /**
     * @param key in canonical form, e.g. {@code entralake.tenants[1].tenant-id}; for a key that was not set
     *            itself (a tenant without a credential), where its section was set
     */
    Optional<String> of(String key);
}
