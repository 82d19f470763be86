package dev.driftguard.internal.guard;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Type changes that every reader of the old type survives: they are warned about, never refused. */
final class Widening {

    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "integer", "bigint");
    private static final Pattern SIZED = Pattern.compile("(\\w[\\w ]*?)\\s*\\(\\s*(\\d+)\\s*\\)");

    private Widening() {
    }

    /** Whether changing a column of {@code oldType} to {@code newType} only widens it. */
    static boolean isWidening(String oldType, String newType) {
        if (oldType == null || newType == null) {
            return false;
        }
        String from = canonical(oldType);
        String to = canonical(newType);
        int fromRank = INTEGERS.indexOf(from);
        int toRank = INTEGERS.indexOf(to);
        if (fromRank >= 0 && toRank >= 0) {
            return toRank >= fromRank;
        }
        Matcher oldSized = SIZED.matcher(from);
        if (!oldSized.matches() || !isVarchar(oldSized.group(1))) {
            return false;
        }
        if (to.equals("text") || to.equals("longtext") || to.equals("mediumtext")) {
            return true;
        }
        Matcher newSized = SIZED.matcher(to);
        return newSized.matches() && isVarchar(newSized.group(1))
                && Integer.parseInt(newSized.group(2)) >= Integer.parseInt(oldSized.group(2));
    }

    private static boolean isVarchar(String name) {
        return name.equals("varchar") || name.equals("character varying");
    }

    /** Lower case, single spaces, and the aliases of each database folded together. */
    private static String canonical(String type) {
        String t = type.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\s*\\(\\s*", "(")
                .replaceAll("\\s*\\)", ")").trim();
        switch (t) {
            case "int2":
                return "smallint";
            case "int":
            case "int4":
            case "serial":
                return "integer";
            case "int8":
            case "bigserial":
                return "bigint";
            default:
                return t.startsWith("character varying") ? t.replace("character varying", "varchar")
                        : t.replaceAll("^(int|integer)\\(\\d+\\)$", "integer").replaceAll("^bigint\\(\\d+\\)$", "bigint");
        }
    }
}
