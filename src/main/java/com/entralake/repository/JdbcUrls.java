package com.entralake.repository;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: without a password, in either place a URL can carry one. */
public final class JdbcUrls {

    /** {@code password=...} (and sslpassword=...) in a query ({@code ?a=b&password=x}) or H2-style settings ({@code ;PASSWORD=x}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]\\w*password=)[^&;]*");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):[^/@?;]*@");
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)[?&;]user=([^&;]*)");
    private static final Pattern USER_INFO_NAME = Pattern.compile("//([^/@:?;]+)(:[^/@?;]*)?@");

    private JdbcUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return "(no spring.datasource.url)";
        }
        String redacted = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(redacted).replaceAll("$1:***@");
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
