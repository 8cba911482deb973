package com.entralake.config;

import java.util.List;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Refuses {@code entralake.*} keys that no setting has: {@code lake-rot: /data/lake} must not silently
 * collect into the default {@code ./lake}. Says where the key is and which known key is nearest.
 */
final class UnknownSettings {

    private UnknownSettings() {
    }

    static void check(ConfigurableEnvironment environment, ConfigurationProblems problems) {
        for (EnumerablePropertySource<?> source : ConfigurationFiles.of(environment)) {
            for (String name : source.getPropertyNames()) {
                List<String> elements = KnownSettings.normalized(name);
                if (elements.isEmpty() || !elements.get(0).equals(KnownSettings.PREFIX) || KnownSettings.isKnown(name)) {
                    continue;
                }
                Object value = source.getProperty(name);
                if (KnownSettings.isSection(name) && (value == null || value.toString().isEmpty())) {
                    continue; // an empty section: tenants: []
                }
                String where = ConfigurationFiles.origin(source, name).map(o -> " (" + o + ")").orElse("");
                problems.addGeneral(name + where + " is not a known setting" + KnownSettings.nearest(name)
                        .map(known -> "; did you mean " + known + "?")
                        .orElse(" (the settings are listed in README.md, \"Configuration reference\")"));
            }
        }
    }
}
