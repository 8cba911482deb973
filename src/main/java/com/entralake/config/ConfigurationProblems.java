package com.entralake.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration, each starting with the key it is about and where that key
 * was set ({@code entralake.tenants[1].tenant-id (tenant 'fabrikam', production.yml line 31) must be ...}),
 * so the operator fixes all of them in one go and finds each one in the file.
 */
public final class ConfigurationProblems {

    private final ConfigurationOrigins origins;
    private final List<String> problems = new ArrayList<>();

    public ConfigurationProblems(ConfigurationOrigins origins) {
        this.origins = origins;
    }

    /** {@code text} follows the key and its origin, e.g. {@code "must be positive, got PT-1S"}. */
    public void add(String key, String text) {
        add(key, null, text);
    }

    /**
     * @param context what the key belongs to, shown beside its origin (e.g. {@code tenant 'contoso'}); may be null
     * @param text    what is wrong; starting with ':' it follows the key directly, otherwise after a space
     */
    public void add(String key, String context, String text) {
        List<String> about = new ArrayList<>();
        if (context != null && !context.isBlank()) {
            about.add(context);
        }
        origins.of(key).ifPresent(about::add);
        String where = about.isEmpty() ? key : key + " (" + String.join(", ", about) + ")";
        problems.add(where + (text.startsWith(":") ? "" : " ") + text);
    }

    /** A problem that is about no single key. */
    public void addGeneral(String text) {
        problems.add(text);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** One message: a single problem on its own, several as a list. */
    public void throwIfAny() {
        if (problems.size() == 1) {
            throw new ConfigurationException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("the configuration has " + problems.size() + " problems:\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
