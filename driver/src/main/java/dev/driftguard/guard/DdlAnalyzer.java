package dev.driftguard.guard;

import dev.driftguard.sql.Catalog;
import dev.driftguard.sql.Dialect;
import dev.driftguard.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
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
public final class DdlAnalyzer {

    /** JSqlParser 5.4 reads neither {@code IF EXISTS ONLY} together nor {@code SET DATA TYPE}; their meaning is kept. */
    private static final Pattern IF_EXISTS_ONLY = Pattern.compile("(?i)\\bIF\\s+EXISTS\\s+ONLY\\b");
    private static final Pattern SET_DATA_TYPE = Pattern.compile("(?i)\\bSET\\s+DATA\\s+TYPE\\b");
    private static final Pattern MAY_BE_HAZARDOUS = Pattern.compile("(?is).*\\b(DROP|RENAME|TYPE|MODIFY|CHANGE|NOT\\s+NULL)\\b.*");

    private final Dialect dialect;
    private final Catalog catalog;

    /** An analyzer that resolves unqualified tables with {@code catalog}. */
    public DdlAnalyzer(Dialect dialect, Catalog catalog) {
        this.dialect = dialect;
        this.catalog = catalog;
    }

    /** The hazards of every statement in {@code sql}. Never throws for bad SQL. */
    public DdlAnalysis analyze(String sql) {
        List<Hazard> hazards = new ArrayList<>();
        List<String> unanalysable = new ArrayList<>();
        for (String statementText : SqlText.split(sql)) {
            if (!SqlText.containsDdl(statementText)) {
                continue;
            }
            try {
                analyzeOne(statementText, hazards, unanalysable);
            } catch (RuntimeException | StackOverflowError e) {
                unanalysable.add("cannot analyse: " + firstWords(statementText) + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new DdlAnalysis(hazards, unanalysable);
    }

    private void analyzeOne(String text, List<Hazard> hazards, List<String> unanalysable) {
        String readable = SET_DATA_TYPE.matcher(IF_EXISTS_ONLY.matcher(text).replaceAll("IF EXISTS")).replaceAll("TYPE");
        Statements parsed;
        try {
            parsed = CCJSqlParserUtil.newParser(readable).withAllowComplexParsing(true).Statements();
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (Error) e;
            }
            if (MAY_BE_HAZARDOUS.matcher(text).matches()) {
                unanalysable.add("cannot parse: " + firstWords(text));
            }
            return;
        }
        for (Statement statement : parsed) {
            if (statement instanceof Alter) {
                alter((Alter) statement, text, hazards, unanalysable);
            } else if (statement instanceof Drop) {
                drop((Drop) statement, hazards);
            } else if (statement instanceof RenameTableStatement) {
                for (Map.Entry<Table, Table> rename : ((RenameTableStatement) statement).getTableNames()) {
                    hazards.add(new Hazard(Hazard.Kind.RENAME_TABLE, schemaOf(rename.getKey()), name(rename.getKey()), null,
                            name(rename.getValue())));
                }
            }
        }
    }

    private void alter(Alter alter, String text, List<Hazard> hazards, List<String> unanalysable) {
        Table table = alter.getTable();
        String schema = schemaOf(table);
        String name = name(table);
        for (AlterExpression action : alter.getAlterExpressions()) {
            switch (action.getOperation()) {
                case DROP:
                    if (action.getColumnName() != null) {
                        hazards.add(new Hazard(Hazard.Kind.DROP_COLUMN, schema, name, identifier(action.getColumnName()), null));
                    }
                    break; // DROP CONSTRAINT / INDEX / KEY change no column a version reads
                case RENAME:
                    hazards.add(new Hazard(Hazard.Kind.RENAME_COLUMN, schema, name, identifier(action.getColumnOldName()),
                            identifier(action.getColumnName())));
                    break;
                case RENAME_TABLE:
                    hazards.add(new Hazard(Hazard.Kind.RENAME_TABLE, schema, name, null, identifier(action.getNewTableName())));
                    break;
                case CHANGE:
                    change(action, schema, name, hazards);
                    break;
                case MODIFY:
                    for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                        hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, name, identifier(column.getColumnName()),
                                column.getColDataType().toString()));
                        if (notNullWithoutDefault(column.getColumnSpecs())) {
                            hazards.add(new Hazard(Hazard.Kind.SET_NOT_NULL, schema, name, identifier(column.getColumnName()), null));
                        }
                    }
                    break;
                case ALTER:
                    alterColumn(action, schema, name, text, hazards, unanalysable);
                    break;
                case ADD:
                    if (action.getColDataTypeList() != null) {
                        for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                            if (notNullWithoutDefault(column.getColumnSpecs())) {
                                hazards.add(new Hazard(Hazard.Kind.ADD_NOT_NULL_COLUMN, schema, name,
                                        identifier(column.getColumnName()), null));
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
    private void change(AlterExpression action, String schema, String table, List<Hazard> hazards) {
        String oldName = identifier(action.getColumnOldName());
        for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
            String newName = identifier(column.getColumnName());
            if (!newName.equalsIgnoreCase(oldName)) {
                hazards.add(new Hazard(Hazard.Kind.RENAME_COLUMN, schema, table, oldName, newName));
            }
            hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, table, oldName, column.getColDataType().toString()));
        }
    }

    private void alterColumn(AlterExpression action, String schema, String table, String text, List<Hazard> hazards,
                             List<String> unanalysable) {
        boolean understood = false;
        if (action.getColDataTypeList() != null) {
            for (AlterExpression.ColumnDataType column : action.getColDataTypeList()) {
                if (column.isWithType()) {
                    hazards.add(new Hazard(Hazard.Kind.CHANGE_TYPE, schema, table, identifier(column.getColumnName()),
                            column.getColDataType().toString()));
                    understood = true;
                }
            }
        }
        if (action.getColumnSetNotNullList() != null) {
            for (AlterExpression.ColumnSetNotNull column : action.getColumnSetNotNullList()) {
                hazards.add(new Hazard(Hazard.Kind.SET_NOT_NULL, schema, table, identifier(column.getColumnName()), null));
                understood = true;
            }
        }
        if (action.getColumnDropDefaultList() != null) {
            for (AlterExpression.ColumnDropDefault column : action.getColumnDropDefaultList()) {
                hazards.add(new Hazard(Hazard.Kind.DROP_DEFAULT, schema, table, identifier(column.getColumnName()), null));
                understood = true;
            }
        }
        String words = action.toString().toUpperCase(Locale.ROOT);
        if (!understood && (words.contains(" TYPE ") || words.contains("SET NOT NULL"))) {
            unanalysable.add("cannot analyse: " + firstWords(text));
        }
    }

    private void drop(Drop drop, List<Hazard> hazards) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        if (type.equals("SCHEMA") || type.equals("DATABASE")) {
            // every table in it goes: a whole-schema hazard (MySQL's database is its schema)
            hazards.add(new Hazard(Hazard.Kind.DROP_SCHEMA, identifier(drop.getName().getName()), null, null, null));
            return;
        }
        Hazard.Kind kind = type.equals("TABLE") ? Hazard.Kind.DROP_TABLE : type.endsWith("VIEW") ? Hazard.Kind.DROP_VIEW : null;
        if (kind == null) {
            return; // indexes, sequences, functions, schemas of their own kind
        }
        List<Table> tables = drop.getNames() != null && !drop.getNames().isEmpty() ? drop.getNames() : List.of(drop.getName());
        for (Table table : tables) {
            hazards.add(new Hazard(kind, schemaOf(table), name(table), null, null));
        }
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

    private String schemaOf(Table table) {
        if (table.getSchemaName() != null) {
            return identifier(table.getSchemaName());
        }
        String schema = catalog.schemaOf(name(table));
        return schema != null ? schema : dialect.defaultSchema();
    }

    private String name(Table table) {
        return identifier(table.getName());
    }

    private String identifier(String raw) {
        return dialect.identifier(raw);
    }

    private static String firstWords(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }
}
