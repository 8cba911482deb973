package com.entralake.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Refuses a {@code ${NAME}} placeholder without a default whose variable is not set. Spring leaves such a
 * placeholder as literal text, so {@code password: ${ENTRALAKE_DB_PASSWORD}} would reach PostgreSQL as
 * that text and fail as a wrong password. Only names are reported, never a value.
 */
final class UnsetPlaceholders {

    private UnsetPlaceholders() {
    }

    static void check(ConfigurableEnvironment environment, ConfigurationProblems problems) {
        for (EnumerablePropertySource<?> source : ConfigurationFiles.of(environment)) {
            for (String name : source.getPropertyNames()) {
                if (!(source.getProperty(name) instanceof CharSequence value)) {
                    continue;
                }
                for (String variable : required(value.toString())) {
                    if (!environment.containsProperty(variable)) {
                        String where = ConfigurationFiles.origin(source, name).map(o -> " (" + o + ")").orElse("");
                        problems.addGeneral(name + where + " uses ${" + variable + "}, which is not set: export "
                                + variable + " in the job's environment (or give a default: ${" + variable
                                + ":value})");
                    }
                }
            }
        }
    }

    /** The names of the placeholders in {@code text} that have no default ({@code ${A}}, not {@code ${A:x}}). */
    static List<String> required(String text) {
        List<String> names = new ArrayList<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int depth = 0;
            int end = -1;
            for (int i = start; i < text.length(); i++) {
                if (text.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (text.charAt(i) == '}' && --depth == 0) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                break; // not a placeholder Spring would resolve either
            }
            String inside = text.substring(start + 2, end);
            if (!inside.contains(":") && !inside.contains("${") && !inside.isBlank()) {
                names.add(inside.strip());
            }
            start = text.indexOf("${", end);
        }
        return names;
    }
}
