package com.entralake.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The property sources a user writes: configuration files (YAML and .properties, tracked with their
 * origin) and the command line. Not environment variables or JVM system properties: Spring maps every
 * variable to a key ({@code ENTRALAKE_DB_PASSWORD} becomes entralake.db.password), so they cannot be held
 * to the list of known keys.
 */
final class ConfigurationFiles {

    private ConfigurationFiles() {
    }

    static List<EnumerablePropertySource<?>> of(ConfigurableEnvironment environment) {
        List<EnumerablePropertySource<?>> written = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof OriginTrackedMapPropertySource || source instanceof CommandLinePropertySource) {
                written.add((EnumerablePropertySource<?>) source);
            }
        }
        return written;
    }

    /** "production.yml line 2", "command line", or empty when the source does not say. */
    static java.util.Optional<String> origin(EnumerablePropertySource<?> source, String name) {
        if (source instanceof OriginTrackedMapPropertySource tracked) {
            return EnvironmentOrigins.describe(tracked.getOrigin(name));
        }
        return source instanceof CommandLinePropertySource ? java.util.Optional.of("command line")
                : java.util.Optional.empty();
    }
}
