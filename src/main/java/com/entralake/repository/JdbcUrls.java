package com.entralake.repository;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: without a password, in either place a URL can carry one. */
public final class JdbcUrls {

    /** {@code password=...} (and sslpassword=...) in a query ({@code ?a=b&password=x}) or H2-style settings ({@code ;PASSWORD=x}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]\\w*password=)[^&;]*");
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)[?&;]user=([^&;]*)");
    private static final Pattern USER_INFO_NAME = Pattern.compile("//([^/@:?;]+)(:[^/@?;]*)?@");

    private JdbcUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return "(no spring.datasource.url)";
        }
        return redactUserInfo(PASSWORD_PARAMETER.matcher(url).replaceAll("$1***"));
    }

    /**
     * {@code //user:password@host}: the password runs to the last {@code @} before the query — a password may
     * itself hold {@code @}, {@code /} or {@code ?}, so no character class can tell where it ends.
     */
    private static String redactUserInfo(String url) {
        int authority = url.indexOf("//");
        if (authority < 0) {
            return url;
        }
        int from = authority + 2;
        int query = firstOf(url, from, '?', ';');
        int at = url.lastIndexOf('@', query - 1);
        int colon = url.indexOf(':', from);
        if (at < from || colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    private static int firstOf(String text, int from, char... candidates) {
        int first = text.length();
        for (char c : candidates) {
            int i = text.indexOf(c, from);
            if (i >= 0 && i < first) {
                first = i;
            }
        }
        return first;
    }

    /** The user a URL names ({@code ?user=} or {@code //user@}), if any. */
    public static Optional<String> user(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher parameter = USER_PARAMETER.matcher(url);
        if (parameter.find()) {
            return Optional.of(parameter.group(1));
        }
        Matcher userInfo = USER_INFO_NAME.matcher(url);
        return userInfo.find() ? Optional.of(userInfo.group(1)) : Optional.empty();
    }

    static boolean isH2(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    /** The database file of a {@code jdbc:h2:file:} URL ({@code ./data/entralake.mv.db}), if it is one. */
    static Optional<String> h2File(String url) {
        if (!isH2(url)) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
            return Optional.empty();
        }
        rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int settings = rest.indexOf(';');
        return Optional.of((settings < 0 ? rest : rest.substring(0, settings)) + ".mv.db");
    }
}
