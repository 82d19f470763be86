package dev.driftguard.internal.base;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code jdbc:driftguard:} URL form, and masking of secrets in URLs before they reach a log or a message. */
public final class JdbcUrls {

    /** What every driftguard URL starts with. */
    public static final String PREFIX = "jdbc:driftguard:";

    /** A secret's key, after what separates it from what comes before: {@code ?}, {@code &}, {@code ;}, {@code (}, {@code ,}. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)([?&;(,:]\\s*)(?:password|passwd|pwd|secret|token|apikey|api_key|accesskey|access_key|sslpassword|sslkey)\\s*=");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?]*:)[^@/]*@");
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(:thin:[^/@]*/)[^@]*@");

    private JdbcUrls() {
    }

    /** Whether {@code url} is a driftguard URL. */
    public static boolean isDriftGuard(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The real driver's URL: {@code jdbc:driftguard:postgresql://h/db} becomes {@code jdbc:postgresql://h/db}. */
    public static String realUrl(String driftGuardUrl) {
        return "jdbc:" + driftGuardUrl.substring(PREFIX.length());
    }

    /**
     * Each secret's value up to the separator of the part of the URL it stands in, whatever characters it holds:
     * in a query string ({@code ?a=1&password=…}) only {@code &} ends it (a {@code ;} or {@code )} is part of the
     * password); in {@code ;key=value} lists only {@code ;}; in MariaDB's {@code (host=…,password=…)} a {@code ,}
     * or {@code )}.
     */
    private static String maskParameters(String url) {
        Matcher key = SECRET_KEY.matcher(url);
        StringBuilder out = new StringBuilder(url.length());
        int copied = 0;
        while (key.find(copied)) {
            char separator = key.group(1).charAt(0);
            String ends = separator == '?' || separator == '&' ? "&" : separator == ';' || separator == ':' ? ";" : ",)";
            int end = key.end();
            while (end < url.length() && ends.indexOf(url.charAt(end)) < 0) {
                end++;
            }
            out.append(url, copied, key.end()).append("***");
            copied = end;
            if (copied >= url.length()) {
                break;
            }
        }
        return out.append(url, Math.min(copied, url.length()), url.length()).toString();
    }

    /** {@code url} with passwords and other secrets replaced by {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = maskParameters(url);
        masked = USER_INFO.matcher(masked).replaceAll("$1***@");
        return ORACLE_THIN.matcher(masked).replaceAll("$1***@");
    }

    /** Whether {@code url} opens a database inside this process (H2 embedded or in memory, not H2 over TCP). */
    public static boolean inProcess(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }
}
