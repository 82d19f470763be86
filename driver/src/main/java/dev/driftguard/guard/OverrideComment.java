package dev.driftguard.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code /* driftguard:allow reason="…" *}{@code /} comment that runs a refused statement anyway. */
final class OverrideComment {

    private static final Pattern ALLOW = Pattern.compile("/\\*\\s*driftguard:allow\\b(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern REASON = Pattern.compile("reason\\s*=\\s*\"([^\"]*)\"");

    private OverrideComment() {
    }

    /** Whether the statement carries the comment at all (with or without a usable reason). */
    static boolean present(String sql) {
        return ALLOW.matcher(sql).find();
    }

    /** The non-blank reason of the comment, or null when there is no comment or no reason. */
    static String reason(String sql) {
        Matcher allow = ALLOW.matcher(sql);
        if (!allow.find()) {
            return null;
        }
        Matcher reason = REASON.matcher(allow.group(1));
        return reason.find() && !reason.group(1).isBlank() ? reason.group(1).trim() : null;
    }
}
