package dev.driftguard.internal.report;

import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.report.Report.Use;
import java.io.PrintWriter;
import java.time.OffsetDateTime;

/**
 * The column usage as CSV (RFC 4180): one row per (table, column, version), and one row without a version for a
 * column no version has used, so that spreadsheets see drop candidates too.
 */
final class CsvReport {

    static final String HEADER = "schema,table,column,type,nullable,in_schema,app,version,live,access,first_seen,"
            + "last_seen,count,via";

    private CsvReport() {
    }

    static void write(Report report, PrintWriter out) {
        out.print(HEADER + "\r\n");
        for (Column column : report.columns) {
            String facts = field(column.schema) + "," + field(column.table) + "," + field(column.column) + ","
                    + field(column.type) + "," + (column.nullable == null ? "" : column.nullable) + "," + column.inSchema;
            if (column.uses.isEmpty()) {
                out.print(facts + ",,,,,,,,\r\n");
            }
            for (Use use : column.uses) {
                out.print(facts + "," + field(use.app) + "," + field(use.version) + "," + use.live + "," + use.words()
                        + "," + time(use.firstSeen) + "," + time(use.lastSeen) + "," + use.count + ","
                        + field(String.join("; ", use.via)) + "\r\n");
            }
        }
    }

    /**
     * Quoted when it holds a comma, quote or line break; a leading =, +, -, @, TAB or CR is defused for spreadsheets
     * (OWASP's list of formula triggers).
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "" : time.toInstant().toString();
    }
}
