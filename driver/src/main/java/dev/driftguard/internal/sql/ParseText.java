package dev.driftguard.internal.sql;

import java.util.List;

/**
 * A statement as the parser is given it ({@link Lexer#parseText}), with the quoted names that were replaced by
 * stand-ins so that the parser reads each as one name; {@link #identifier} turns a name from the parse tree back
 * into the catalog's spelling.
 */
public final class ParseText {

    private static final String STAND_IN = "zz_driftguard_name_";

    private final String text;
    private final List<String> names;

    ParseText(String text, List<String> names) {
        this.text = text;
        this.names = List.copyOf(names);
    }

    static String standIn(int index) {
        return STAND_IN + index;
    }

    /** The text to parse. */
    public String text() {
        return text;
    }

    /** The same names with another text, for rewrites of a parse text that keep its stand-ins. */
    public ParseText withText(String rewritten) {
        return new ParseText(rewritten, names);
    }

    /** A name as the parse tree holds it, spelled as the catalog spells it. */
    public String identifier(Dialect dialect, String raw) {
        if (raw != null && !names.isEmpty() && raw.length() > 2 && raw.regionMatches(1, STAND_IN, 0, STAND_IN.length())) {
            try {
                return dialect.truncated(names.get(Integer.parseInt(raw.substring(1 + STAND_IN.length(), raw.length() - 1))));
            } catch (NumberFormatException | IndexOutOfBoundsException notOurs) {
                // a name of the statement's own that merely looks like a stand-in
            }
        }
        return dialect.identifier(raw);
    }
}
