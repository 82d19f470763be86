package dev.driftguard.internal.guard;

import dev.driftguard.internal.base.Excerpt;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.sql.ParseText;
import dev.driftguard.internal.sql.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * Reads DDL — PostgreSQL and MariaDB/MySQL syntax, several statements and several ALTER actions at a time — into
 * the hazards of the design's guard table. Harmless DDL yields nothing; DDL that may drop, rename or retype but
 * cannot be read is reported as unanalysable, never guessed at.
 */
final class DdlAnalyzer {

    /** JSqlParser 5.4 reads neither {@code IF EXISTS ONLY} together nor {@code SET DATA TYPE}; their meaning is kept. */
    private static final Pattern IF_EXISTS_ONLY = Pattern.compile("(?i)\\bIF\\s+EXISTS\\s+ONLY\\b");
    private static final Pattern SET_DATA_TYPE = Pattern.compile("(?i)\\bSET\\s+DATA\\s+TYPE\\b");
    /**
     * PostgreSQL's {@code ALTER [MATERIALIZED] VIEW … RENAME [COLUMN] …}, which the parser does not read, does what
     * the same {@code ALTER TABLE} does: it is read as that.
     */
    private static final Pattern ALTER_VIEW_RENAME =
            Pattern.compile("(?is)^\\s*ALTER\\s+(?:MATERIALIZED\\s+)?VIEW\\b(?=.*\\bRENAME\\b)");
    /**
     * PostgreSQL's {@code ALTER FUNCTION|PROCEDURE|ROUTINE name[(args)] RENAME TO new | SET SCHEMA s}, which the
     * parser does not read: callers by the old name fail. Other ALTERs of a routine (its volatility, its owner)
     * break no caller.
     */
    private static final Pattern ALTER_ROUTINE = Pattern.compile("(?is)^\\s*ALTER\\s+(?:FUNCTION|PROCEDURE|ROUTINE)\\s+"
            + "((?:[^\\s(.]+\\.)?[^\\s(.]+)\\s*(?:\\([^)]*\\))?\\s+(RENAME\\s+TO|SET\\s+SCHEMA)\\s+([^\\s;]+)\\s*;?\\s*$");

    /** MariaDB/MySQL {@code CREATE OR REPLACE [DEFINER = …] PROCEDURE|FUNCTION name(}, up to the parameters. */
    private static final Pattern REPLACE_ROUTINE = Pattern.compile("(?is)^\\s*CREATE\\s+OR\\s+REPLACE\\s+"
            + "(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:PROCEDURE|FUNCTION)\\s+((?:[^\\s(.]+\\.)?[^\\s(.]+)\\s*\\(");
    private static final Pattern MAY_BE_HAZARDOUS = Pattern.compile("(?is).*\\b(DROP|RENAME|TYPE|MODIFY|CHANGE|NOT\\s+NULL)\\b.*");
    /** What follows DROP when it removes something a version may read. */
    private static final Pattern DROPS_RELATION = Pattern.compile(
            "(?is)^\\s*DROP\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|FOREIGN\\s+TABLE|SCHEMA|DATABASE|FUNCTION|PROCEDURE|ROUTINE)\\b.*");
    /** A drop of routines, whose argument lists (which pick an overload) the parser reads only for one routine. */
    private static final Pattern DROPS_ROUTINES = Pattern.compile("(?is)^\\s*DROP\\s+(FUNCTION|PROCEDURE|ROUTINE)\\b.*");
    private static final Pattern INNERMOST_PARENTHESES = Pattern.compile("\\([^()]*\\)");
    /** An ALTER TABLE action that adds a nullable column, or a NOT NULL one with a default: nothing breaks. */
    private static final Pattern HARMLESS_ADD = Pattern.compile("(?is)^\\s*ADD\\b(?!.*\\bNOT\\s+NULL\\b).*|^\\s*ADD\\b.*\\bDEFAULT\\b.*");
    private static final Pattern ALTER_TABLE_ACTIONS = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?[^\\s(]+\\s+(.*)$");
    /** Embedded SQL inside embedded SQL is read this deep, no deeper. */
    private static final int EMBEDDED_DEPTH = 4;

    private final Dialect dialect;
    private final Lexer lexer;
    private final Catalog catalog;
    private final SqlParser parser;

    /** An analyzer that resolves unqualified tables with {@code catalog} and parses with {@code parser}. */
    public DdlAnalyzer(Dialect dialect, Catalog catalog, SqlParser parser) {
        this.dialect = dialect;
        this.lexer = dialect.lexer();
        this.catalog = catalog;
        this.parser = parser;
    }

    /**
     * The hazards of every statement in {@code sql} that the database would run as DDL: DDL statements, DDL
     * inside a compound statement that runs now, and DDL run from a literal by {@code DO}, {@code EXECUTE
     * IMMEDIATE} or {@code PREPARE … FROM}. Never throws for bad SQL.
     */
    public DdlAnalysis analyze(String sql) {
        return analyze(sql, lexer);
    }

    /** Like {@link #analyze(String)}, for a session whose settings {@code session} reads SQL with. */
    public DdlAnalysis analyze(String sql, Lexer session) {
        if (session.schemaPath() != null && !session.schemaPath().isEmpty()) {
            // unqualified targets resolve where the session resolves them, not where driftguard's own connection does
            return new DdlAnalyzer(dialect, catalog.onPath(session.schemaPath()), parser).collectAll(sql, session);
        }
        return collectAll(sql, session);
    }

    private DdlAnalysis collectAll(String sql, Lexer session) {
        List<Hazard> hazards = new ArrayList<>();
        List<String> unanalysable = new ArrayList<>();
        collect(session, sql, hazards, unanalysable, 0);
        return new DdlAnalysis(hazards, unanalysable);
    }

    /** The lexer of the database's default settings. */
    Lexer defaultLexer() {
        return lexer;
    }

    private void collect(Lexer session, String sql, List<Hazard> hazards, List<String> unanalysable, int depth) {
        for (Lexer.Statement statement : session.statements(sql)) {
            for (String ddl : statement.ddl) {
                try {
                    analyzeOne(session.parseText(ddl), hazards, unanalysable);
                } catch (RuntimeException | StackOverflowError e) {
                    unanalysable.add("cannot analyse: " + firstWords(ddl) + " (" + e.getClass().getSimpleName() + ")");
                }
            }
            for (Lexer.Embedded embedded : statement.embedded) {
                if (embedded.unreadable != null) {
                    unanalysable.add("cannot read " + embedded.unreadable + ": " + firstWords(statement.text));
                }
                for (String text : embedded.texts) {
                    if (depth < EMBEDDED_DEPTH) {
                        collect(session, text, hazards, unanalysable, depth + 1);
                    } else {
                        unanalysable.add("embedded SQL nested too deeply: " + firstWords(statement.text));
                    }
                }
            }
        }
    }

    private void analyzeOne(ParseText text, List<Hazard> hazards, List<String> unanalysable) {
        String readable = SET_DATA_TYPE.matcher(IF_EXISTS_ONLY.matcher(text.text()).replaceAll("IF EXISTS")).replaceAll("TYPE");
        if (dialect == Dialect.POSTGRES) {
            readable = ALTER_VIEW_RENAME.matcher(readable).replaceFirst("ALTER TABLE");
        }
        if (DROPS_ROUTINES.matcher(readable).matches()) {
            // callers use a routine by name: which overload goes does not change who may break
            for (String before = ""; !before.equals(readable); ) {
                before = readable;
                readable = INNERMOST_PARENTHESES.matcher(readable).replaceAll("");
            }
        }
        ParseText names = text.withText(readable);
        if (alterRoutine(names, readable, hazards)) {
            return;
        }
        replacedRoutine(names, readable, hazards);
        Statements parsed;
        try {
            parsed = parser.parse(names);
        } catch (SqlParser.Failure failure) {
            if (mayBeHazardous(readable)) {
                unanalysable.add("cannot parse: " + firstWords(readable));
            }
            return;
        }
        for (Statement statement : parsed) {
            if (statement instanceof Alter) {
                alter((Alter) statement, names, readable, hazards, unanalysable);
            } else if (statement instanceof Drop) {
                drop((Drop) statement, names, hazards);
            } else if (dialect == Dialect.MYSQL && statement instanceof net.sf.jsqlparser.statement.create.view.CreateView) {
                net.sf.jsqlparser.statement.create.view.CreateView view =
                        (net.sf.jsqlparser.statement.create.view.CreateView) statement;
                List<String> listed = new ArrayList<>();
                if (view.getColumnNames() != null) {
                    view.getColumnNames().forEach(column -> listed.add(column.getColumnName()));
                }
                replacedView(view.getView(), listed, view.getSelect(), names, hazards);
            } else if (dialect == Dialect.MYSQL && statement instanceof net.sf.jsqlparser.statement.create.view.AlterView) {
                net.sf.jsqlparser.statement.create.view.AlterView view =
                        (net.sf.jsqlparser.statement.create.view.AlterView) statement;
                replacedView(view.getView(), view.getColumnNames() == null ? List.of() : view.getColumnNames(),
                        view.getSelect(), names, hazards);
            } else if (statement instanceof RenameTableStatement) {
                for (Map.Entry<Table, Table> rename : ((RenameTableStatement) statement).getTableNames()) {
                    hazards.add(new Hazard(Hazard.Kind.RENAME_TABLE, schemaOf(rename.getKey(), names),
                            name(rename.getKey(), names), null, name(rename.getValue(), names)));
                }
            }
        }
    }

    /**
     * MariaDB/MySQL {@code CREATE OR REPLACE VIEW} and {@code ALTER VIEW … AS}: a column the view had and no
     * longer provides is dropped from it (PostgreSQL refuses that itself). Where the new select list has a
     * {@code *}, every column may still be there.
     */
    private void replacedView(Table table, List<String> listed, net.sf.jsqlparser.statement.select.Select select,
                              ParseText names, List<Hazard> hazards) {
        String schema = schemaOf(table, names);
        String view = name(table, names);
        Map<String, String> before = catalog.columns(schema, view);
        if (before == null) {
            return; // a new view removes nothing
        }
        java.util.Set<String> after = new java.util.HashSet<>();
        if (!listed.isEmpty()) {
            listed.forEach(column -> after.add(identifier(names, column).toLowerCase(java.util.Locale.ROOT)));
        } else if (select instanceof net.sf.jsqlparser.statement.select.PlainSelect) {
            for (net.sf.jsqlparser.statement.select.SelectItem<?> item
                    : ((net.sf.jsqlparser.statement.select.PlainSelect) select).getSelectItems()) {
                Object expression = item.getExpression();
                if (expression instanceof net.sf.jsqlparser.statement.select.AllColumns) {
                    return;
                }
                String output = item.getAlias() != null ? item.getAlias().getName()
                        : expression instanceof net.sf.jsqlparser.schema.Column
                        ? ((net.sf.jsqlparser.schema.Column) expression).getColumnName() : null;
                if (output != null) {
                    after.add(identifier(names, output).toLowerCase(java.util.Locale.ROOT));
                }
            }
        } else {
            return; // a UNION's names come from its first branch; not read here
        }
        for (Map.Entry<String, String> column : before.entrySet()) {
            if (!after.contains(column.getKey())) {
                hazards.add(new Hazard(Hazard.Kind.DROP_COLUMN, schema, view, column.getValue(), null));
            }
        }
    }

    /**
     * Whether DDL the parser cannot read could change what a version uses. CREATE, COMMENT and TRUNCATE cannot;
     * a DROP only of a table, view, schema or routine; an ALTER TABLE whose every action adds something harmless cannot.
     */
    private boolean mayBeHazardous(String text) {
        String first = lexer.firstWord(text);
        if (first.equals("CREATE") || first.equals("COMMENT") || first.equals("TRUNCATE")) {
            return false;
        }
        if (first.equals("DROP")) {
            return DROPS_RELATION.matcher(text).matches();
        }
        Matcher actions = ALTER_TABLE_ACTIONS.matcher(text);
        if (actions.matches() && topLevelParts(actions.group(1)).stream().allMatch(a -> HARMLESS_ADD.matcher(a).matches())) {
            return false;
        }
        return MAY_BE_HAZARDOUS.matcher(text).matches();
    }

    /** {@code text} split at commas outside parentheses (literals are already empty in a parse text). */
    private static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private void alter(Alter alter, ParseText names, String text, List<Hazard> hazards, List<String> unanalysable) {
        Table table = alter.getTable();
        String schema = schemaOf(table, names);
        String name = name(table, names);
        for (AlterExpression action : alter.getAlterExpressions()) {
            switch (action.getOperation()) {
                case DROP:
                    if (action.getColumnName() != null) {
                        hazards.add(new Hazard(Hazard.Kind.DROP_COLUMN, schema, name, identifier(names, action.getColumnName()), null));
                    }
                    break; // DROP CONSTRAINT / INDEX / KEY change no column a version reads
                case RENAME:
                    hazards.add(new Hazard(Hazard.Kind.RENAME_COLUMN, schema, name, identifier(names, action.getColumnOldName()),
                            identifier(names, action.getColumnName())));
                    break;
                case RENAME_TABLE:
                    hazards.add(new Hazard(Hazard.Kind.RENAME_TABLE, schema, name, null, identifier(names, action.getNewTableName())));
                    break;
                case CHANGE:
                    change(action, names, schema, name, hazards);
                    break;
                case MODIFY:
                    for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                        hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, name, identifier(names, column.getColumnName()),
                                column.getColDataType().toString()));
                        if (notNullWithoutDefault(column.getColumnSpecs())) {
                            hazards.add(new Hazard(Hazard.Kind.SET_NOT_NULL, schema, name, identifier(names, column.getColumnName()), null));
                        }
                    }
                    break;
                case ALTER:
                    alterColumn(action, names, schema, name, text, hazards, unanalysable);
                    break;
                case ADD:
                    if (action.getColDataTypeList() != null) {
                        for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                            if (notNullWithoutDefault(column.getColumnSpecs())) {
                                hazards.add(new Hazard(Hazard.Kind.ADD_NOT_NULL_COLUMN, schema, name,
                                        identifier(names, column.getColumnName()), null));
                            }
                        }
                    }
                    break;
                case UNSPECIFIC:
                    // an action JSqlParser only carries as text: harmless unless its words could drop or retype
                    if (action.getOptionalSpecifier() != null
                            && MAY_BE_HAZARDOUS.matcher(action.getOptionalSpecifier()).matches()) {
                        unanalysable.add("cannot analyse: " + firstWords(text));
                    }
                    break;
                default:
                    break; // indexes, constraints, comments, table options, partitions: no column a version uses changes
            }
        }
    }

    /** MySQL {@code CHANGE old new type}: a rename when the name differs, and a type change either way. */
    private void change(AlterExpression action, ParseText names, String schema, String table, List<Hazard> hazards) {
        String oldName = identifier(names, action.getColumnOldName());
        for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
            String newName = identifier(names, column.getColumnName());
            if (!newName.equalsIgnoreCase(oldName)) {
                hazards.add(new Hazard(Hazard.Kind.RENAME_COLUMN, schema, table, oldName, newName));
            }
            hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, table, oldName, column.getColDataType().toString()));
        }
    }

    private void alterColumn(AlterExpression action, ParseText names, String schema, String table, String text, List<Hazard> hazards,
                             List<String> unanalysable) {
        boolean understood = false;
        if (action.getColDataTypeList() != null) {
            for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                if (column.isWithType()) {
                    hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, table, identifier(names, column.getColumnName()),
                            column.getColDataType().toString()));
                    understood = true;
                }
            }
        }
        if (action.getColumnSetNotNullList() != null) {
            for (AlterExpression.ColumnSetNotNull column : action.getColumnSetNotNullList()) {
                hazards.add(new Hazard(Hazard.Kind.SET_NOT_NULL, schema, table, identifier(names, column.getColumnName()), null));
                understood = true;
            }
        }
        if (action.getColumnDropDefaultList() != null) {
            for (AlterExpression.ColumnDropDefault column : action.getColumnDropDefaultList()) {
                hazards.add(new Hazard(Hazard.Kind.DROP_DEFAULT, schema, table, identifier(names, column.getColumnName()), null));
                understood = true;
            }
        }
        String words = action.toString().toUpperCase(Locale.ROOT);
        if (!understood && (words.contains(" TYPE ") || words.contains("SET NOT NULL"))) {
            unanalysable.add("cannot analyse: " + firstWords(text));
        }
    }

    private void drop(Drop drop, ParseText names, List<Hazard> hazards) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        if (type.equals("SCHEMA") || type.equals("DATABASE")) {
            // every table in it goes: a whole-schema hazard (MySQL's database is its schema)
            hazards.add(new Hazard(Hazard.Kind.DROP_SCHEMA, identifier(names, drop.getName().getName()), null, null, null));
            return;
        }
        if (type.equals("TRIGGER")) {
            dropTrigger(drop, names, hazards);
            return;
        }
        boolean routine = type.equals("FUNCTION") || type.equals("PROCEDURE") || type.equals("ROUTINE");
        Hazard.Kind kind = type.equals("TABLE") ? Hazard.Kind.DROP_TABLE : type.endsWith("VIEW") ? Hazard.Kind.DROP_VIEW
                : routine ? Hazard.Kind.DROP_ROUTINE : null;
        if (kind == null) {
            return; // indexes, sequences, triggers, types
        }
        List<Table> tables = drop.getNames() != null && !drop.getNames().isEmpty() ? drop.getNames() : List.of(drop.getName());
        for (Table table : tables) {
            String schema = routine ? routineSchema(table.getSchemaName(), name(table, names), names) : schemaOf(table, names);
            hazards.add(new Hazard(kind, schema, name(table, names), null, null));
        }
    }

    /**
     * MariaDB/MySQL replace a routine in place: with a parameter list of another length, every call written for
     * the old one fails. A new routine, or the same number of parameters, changes no caller's call.
     */
    private void replacedRoutine(ParseText names, String text, List<Hazard> hazards) {
        Matcher replace = REPLACE_ROUTINE.matcher(text);
        if (dialect != Dialect.MYSQL || !replace.lookingAt()) {
            return;
        }
        String[] parts = replace.group(1).split("\\.");
        String name = identifier(names, parts[parts.length - 1]);
        String schema = routineSchema(parts.length > 1 ? parts[0] : null, name, names);
        Integer before = catalog.routineParameters(schema, name);
        int depth = 0;
        int after = 0;
        boolean any = false;
        for (int i = replace.end(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ')' && depth == 0) {
                break;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            after += c == ',' && depth == 0 ? 1 : 0;
            any |= !Character.isWhitespace(c);
        }
        after += any ? 1 : 0;
        if (before != null && before != after) {
            hazards.add(new Hazard(Hazard.Kind.CHANGE_ROUTINE, schema, name, null, null));
        }
    }

    /** A routine rename or move as a hazard; false when {@code text} is no such statement. */
    private boolean alterRoutine(ParseText names, String text, List<Hazard> hazards) {
        java.util.regex.Matcher alter = ALTER_ROUTINE.matcher(text);
        if (dialect != Dialect.POSTGRES || !alter.matches()) {
            return false;
        }
        String[] parts = alter.group(1).split("\\.");
        String name = identifier(names, parts[parts.length - 1]);
        String schema = routineSchema(parts.length > 1 ? parts[0] : null, name, names);
        hazards.add(new Hazard(Hazard.Kind.RENAME_ROUTINE, schema, name, null, identifier(names, alter.group(3))));
        return true;
    }

    /**
     * {@code DROP TRIGGER t ON table} (PostgreSQL) names its table; MariaDB/MySQL's {@code DROP TRIGGER [db.]t}
     * does not, and the catalog says which table it is on. A trigger the catalog does not know drops nothing.
     */
    private void dropTrigger(Drop drop, ParseText names, List<Hazard> hazards) {
        String trigger = name(drop.getName(), names);
        List<String> parameters = drop.getParameters();
        if (parameters != null && parameters.size() >= 2 && parameters.get(0).equalsIgnoreCase("ON")) {
            String[] parts = parameters.get(1).split("\\.");
            String table = identifier(names, parts[parts.length - 1]);
            String schema = parts.length > 1 ? identifier(names, parts[0]) : catalog.schemaOf(table);
            hazards.add(new Hazard(Hazard.Kind.DROP_TRIGGER, schema != null ? schema : dialect.defaultSchema(), table,
                    null, trigger));
            return;
        }
        String schema = drop.getName().getSchemaName() == null ? null : identifier(names, drop.getName().getSchemaName());
        String[] on = catalog.triggerTable(schema, trigger);
        if (on != null) {
            hazards.add(new Hazard(Hazard.Kind.DROP_TRIGGER, on[0], on[1], null, trigger));
        }
    }

    /** The schema of the routine a DDL names: given, else where the session's path finds it. */
    private String routineSchema(String given, String name, ParseText names) {
        if (given != null) {
            return identifier(names, given);
        }
        List<dev.driftguard.internal.sql.RoutineBody> found = catalog.routineBodies(null, name);
        return found.isEmpty() ? dialect.defaultSchema() : found.get(0).schema();
    }

    /** NOT NULL among the column's constraints, and no DEFAULT: rows inserted without it would now fail. */
    private static boolean notNullWithoutDefault(List<String> specs) {
        if (specs == null) {
            return false;
        }
        String words = String.join(" ", specs).toUpperCase(Locale.ROOT);
        return words.contains("NOT NULL") && !words.contains("DEFAULT") && !words.contains("GENERATED")
                && !words.contains("AUTO_INCREMENT");
    }

    private String schemaOf(Table table, ParseText names) {
        if (table.getSchemaName() != null) {
            return identifier(names, table.getSchemaName());
        }
        String schema = catalog.schemaOf(name(table, names));
        return schema != null ? schema : dialect.defaultSchema();
    }

    private String name(Table table, ParseText names) {
        return identifier(names, table.getName());
    }

    private String identifier(ParseText names, String raw) {
        return names.identifier(dialect, raw);
    }

    /** The start of a statement for a message, with its literals emptied. */
    private String firstWords(String statement) {
        return Excerpt.of(lexer.parseText(statement).text());
    }
}
