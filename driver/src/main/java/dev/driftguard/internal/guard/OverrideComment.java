package dev.driftguard.internal.guard;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /* driftguard:allow reason="…" *}{@code /} comment that runs a refused statement anyway. Only a real
 * comment of the statement counts — the lexer's, never text inside a literal or in a neighbouring statement.
 */
final class OverrideComment {

    private static final Pattern ALLOW = Pattern.compile("/\\*\\s*driftguard:allow\\b(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern REASON = Pattern.compile("reason\\s*=\\s*\"([^\"]*)\"");

    private OverrideComment() {
    }

    /** Whether one of a statement's comments is the override (with or without a usable reason). */
    static boolean present(List<String> comments) {
        return comments.stream().anyMatch(comment -> ALLOW.matcher(comment).find());
    }

    /** The non-blank reason of the statement's override comment, or null when there is none. */
    static String reason(List<String> comments) {
        for (String comment : comments) {
            Matcher allow = ALLOW.matcher(comment);
            if (allow.find()) {
                Matcher reason = REASON.matcher(allow.group(1));
                if (reason.find() && !reason.group(1).isBlank()) {
                    return reason.group(1).trim();
                }
            }
        }
        return null;
    }
}
