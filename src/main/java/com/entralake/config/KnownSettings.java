package com.entralake.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code entralake.*} key a configuration may set, derived from {@link EntraLakeProperties} by
 * reflection (a property added there is known here without anyone remembering to list it), and the
 * nearest one to a key that is not known. Keys are compared as Spring's relaxed binding compares them:
 * case, '-', '_' and camelCase do not matter; list indexes are any number.
 */
public final class KnownSettings {

    static final String PREFIX = "entralake";
    /** Set by {@code --now}, not by a configuration file; known so that the command line is not refused. */
    private static final String NOW = "entralake.now";
    /** A list element's index in a pattern. */
    private static final String ANY_INDEX = "[*]";
    /** One free-form element (a data type's name under data-types). */
    private static final String ANY_KEY = "*";
    /** Any number of free-form elements (Hadoop's own settings, with dots: fs.s3a.endpoint). */
    private static final String ANY_KEYS = "**";

    private static final List<String> LEAVES = new ArrayList<>();
    private static final Set<String> SECTIONS = new LinkedHashSet<>();

    static {
        walk(EntraLakeProperties.class, PREFIX);
        LEAVES.add(NOW);
    }

    private KnownSettings() {
    }

    /** Known keys in kebab-case, e.g. {@code entralake.tenants[*].client-secret-file}, {@code entralake.hadoop.**}. */
    public static List<String> keys() {
        return List.copyOf(LEAVES);
    }

    /** Whether {@code key} (as written, any relaxed form) is a known setting. */
    public static boolean isKnown(String key) {
        List<String> elements = normalized(key);
        return LEAVES.stream().anyMatch(pattern -> matches(normalized(pattern), elements));
    }

    /**
     * Whether {@code key} names a section (entralake.collection, entralake.tenants[0]); YAML flattens an
     * empty section ({@code tenants: []}) to such a key with an empty value.
     */
    public static boolean isSection(String key) {
        List<String> elements = normalized(key);
        return SECTIONS.stream().anyMatch(pattern -> matches(normalized(pattern), elements));
    }

    /** The known key nearest to {@code key}, with its list indexes, e.g. entralake.tenants[1].tenant-id. */
    public static Optional<String> nearest(String key) {
        List<String> elements = normalized(key);
        String leaf = elements.get(elements.size() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String pattern : LEAVES) {
            List<String> known = normalized(pattern);
            if (known.contains(ANY_KEY) || known.contains(ANY_KEYS)) {
                continue;
            }
            int distance = distance(String.join(".", known), String.join(".", withIndexesAsPattern(elements)));
            // the right name in the wrong section (read-timeout directly under entralake) is near too
            if (known.get(known.size() - 1).equals(leaf) && known.size() != elements.size()) {
                distance = Math.min(distance, 2);
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = pattern;
            }
        }
        int allowed = Math.max(2, leaf.length() / 3);
        return best == null || bestDistance > allowed ? Optional.empty() : Optional.of(withIndexes(best, key));
    }

    private static void walk(Class<?> type, String path) {
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String key = path + "." + kebab(field.getName());
            Class<?> fieldType = field.getType();
            if (List.class.isAssignableFrom(fieldType)) {
                SECTIONS.add(key);
                SECTIONS.add(key + ANY_INDEX);
                walkElement(typeArgument(field.getGenericType(), 0), key + ANY_INDEX);
            } else if (Map.class.isAssignableFrom(fieldType)) {
                SECTIONS.add(key);
                // a data type is one name (checked against the catalogue); Hadoop settings have dots
                LEAVES.add(key + "." + (key.endsWith("data-types") ? ANY_KEY : ANY_KEYS));
            } else if (isNested(fieldType)) {
                SECTIONS.add(key);
                walk(fieldType, key);
            } else {
                LEAVES.add(key);
            }
        }
    }

    private static void walkElement(Class<?> element, String path) {
        if (isNested(element)) {
            walk(element, path);
        } else {
            LEAVES.add(path);
        }
    }

    /**
     * Our own property classes (nested in EntraLakeProperties, or a concern's own settings bean such as the lock's)
     * have settings of their own; anything else (Duration, Path, an enum, a String) is a value.
     */
    static boolean isNested(Class<?> type) {
        return type.getPackageName().startsWith("com.entralake") && !type.isEnum() && !type.isRecord()
                && !type.isInterface();
    }

    private static Class<?> typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return argument;
        }
        return Object.class;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Elements without case, '-' or '_'; an index "[3]" or ".3" becomes "[3]", a pattern's stays "[*]". */
    static List<String> normalized(String key) {
        List<String> elements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                flush(elements, current);
            } else if (c == '[') {
                flush(elements, current);
                int end = key.indexOf(']', i);
                end = end < 0 ? key.length() - 1 : end;
                String inside = key.substring(i + 1, end);
                elements.add(inside.matches("\\d+|\\*") ? "[" + inside + "]" : inside.toLowerCase(Locale.ROOT));
                i = end;
            } else if (c != '-' && c != '_') {
                current.append(Character.toLowerCase(c));
            }
        }
        flush(elements, current);
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).matches("\\d+")) {
                elements.set(i, "[" + elements.get(i) + "]");
            }
        }
        return elements;
    }

    private static void flush(List<String> elements, StringBuilder current) {
        if (!current.isEmpty()) {
            elements.add(current.toString());
            current.setLength(0);
        }
    }

    private static boolean matches(List<String> pattern, List<String> key) {
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.equals(ANY_KEYS)) {
                return key.size() > i;
            }
            if (i >= key.size()) {
                return false;
            }
            String k = key.get(i);
            boolean index = k.startsWith("[") && k.endsWith("]");
            if (p.equals(ANY_INDEX) ? !index : p.equals(ANY_KEY) ? index : !p.equals(k)) {
                return false;
            }
        }
        return pattern.size() == key.size();
    }

    private static List<String> withIndexesAsPattern(List<String> elements) {
        return elements.stream().map(e -> e.matches("\\[\\d+]") ? ANY_INDEX : e).toList();
    }

    /** The pattern with the indexes of {@code key} in place of [*]. */
    private static String withIndexes(String pattern, String key) {
        java.util.regex.Matcher indexes = java.util.regex.Pattern.compile("\\[(\\d+)]|\\.(\\d+)(?=\\.|$)").matcher(key);
        StringBuilder result = new StringBuilder(pattern);
        int at = result.indexOf(ANY_INDEX);
        while (at >= 0 && indexes.find()) {
            String index = indexes.group(1) != null ? indexes.group(1) : indexes.group(2);
            result.replace(at, at + ANY_INDEX.length(), "[" + index + "]");
            at = result.indexOf(ANY_INDEX);
        }
        return result.toString();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
