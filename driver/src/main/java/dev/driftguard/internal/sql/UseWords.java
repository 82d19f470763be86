package dev.driftguard.internal.sql;

/**
 * A use in words, the one way refusals, log lines and reports say it: {@code reads product.rating}, {@code writes
 * every column of product}, {@code uses table product}, {@code calls public.avg_stars}, each with {@code via …}
 * when the use is reached through a database object.
 */
public final class UseWords {

    private UseWords() {
    }

    /**
     * @param table the table (for a call: the routine) the words name, or null where the sentence is already about
     *              it ({@code reads rating}, {@code calls it})
     * @param column a column, {@link ColumnUse#ALL} or {@link ColumnUse#TABLE}; for a call unused
     * @param via what the use is reached through, empty or null for none
     */
    public static String of(Access access, String table, String column, String via) {
        String through = via == null || via.isEmpty() ? "" : " via " + via;
        if (access == Access.CALL) {
            return "calls " + (table == null ? "it" : table) + through;
        }
        String verb = access == Access.WRITE ? "writes" : "reads";
        if (ColumnUse.ALL.equals(column)) {
            return verb + " every column" + (table == null ? "" : " of " + table) + through;
        }
        if (ColumnUse.TABLE.equals(column)) {
            return table == null ? verb + " the table" + through
                    : (access == Access.WRITE ? "writes" : "uses") + " table " + table + through;
        }
        return verb + " " + (table == null ? column : table + "." + column) + through;
    }
}
