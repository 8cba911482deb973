package com.entralake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * A value Spring could not convert to its setting's type ({@code read-timeout: soon}), as one sentence:
 * the key, where it was set, the value and what is expected, without Java type or exception names.
 */
public final class BindingFailures {

    private BindingFailures() {
    }

    public static String describe(BindException failure) {
        ConfigurationProperty property = failure.getProperty();
        String key = failure.getName().toString();
        String where = property == null ? ""
                : EnvironmentOrigins.describe(property.getOrigin()).map(o -> " (" + o + ")").orElse("");
        Class<?> type = failure.getTarget().getType().resolve(Object.class);
        String value = property == null || property.getValue() == null ? null : property.getValue().toString();
        String shown = value == null ? "" : isSecret(key) ? " has a value that" : " is '" + value + "', which";
        return key + where + (shown.isEmpty() ? " could not be read: it must be " : shown + " is not ")
                + expected(type).orElse("a value of the right kind for this setting");
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("key");
    }

    private static Optional<String> expected(Class<?> type) {
        if (type == Duration.class) {
            return Optional.of("a duration: ISO-8601 such as PT30S, PT5M, PT2H or P30D, or 30s, 5m, 2h, 30d");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Optional.of("a whole number");
        }
        if (type == double.class || type == Double.class) {
            return Optional.of("a number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of("true or false");
        }
        if (type == Path.class) {
            return Optional.of("a file path");
        }
        if (type.isEnum()) {
            return Optional.of("one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }
}
