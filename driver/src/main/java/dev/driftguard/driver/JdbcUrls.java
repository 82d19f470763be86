package dev.driftguard.driver;

import java.util.regex.Pattern;

/** The {@code jdbc:driftguard:} URL form, and masking of secrets in URLs before they reach a log or a message. */
public final class JdbcUrls {

    /** What every driftguard URL starts with. */
    public static final String PREFIX = "jdbc:driftguard:";

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|apikey|api_key|accesskey|access_key|sslpassword|sslkey)=)[^&;?)]*");
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

    /** {@code url} with passwords and other secrets replaced by {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        masked = USER_INFO.matcher(masked).replaceAll("$1***@");
        return ORACLE_THIN.matcher(masked).replaceAll("$1***@");
    }
}
