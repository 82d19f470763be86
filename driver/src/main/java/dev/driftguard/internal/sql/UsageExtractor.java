package dev.driftguard.internal.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Walks one parsed statement with SQL's scoping rules — CTEs, derived tables, aliases, correlated subqueries — and
 * collects the real tables' columns it reads and writes. One instance per statement; not thread-safe.
 */
final class UsageExtractor {

    /** Unqualified names that parse as columns but are SQL keywords or pseudo-columns. */
    private static final Set<String> PSEUDO_COLUMNS = Set.of("true", "false", "null", "default", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user",
            "current_schema", "current_catalog", "sysdate", "rownum");

    /** Qualifiers that name the proposed or old row, not a table (PostgreSQL EXCLUDED, trigger NEW/OLD). */
    private static final Set<String> ROW_QUALIFIERS = Set.of("excluded", "new", "old");

    private final Dialect dialect;
    private final ParseText text;
    private final Catalog catalog;
    private final Set<ColumnUse> uses = new HashSet<>();
    private final Set<String> routines = new HashSet<>();
    private final Expressions expressions = new Expressions();
    private boolean ambiguous;

    /** The usage of a database object's body, by schema (null: the path's) and name; null when there is none. */
    interface Bodies {
        StatementUsage of(String schema, String name, BodyKind kind);

        /** The schema of the user-defined routine a call of {@code schema.name} reaches; null when none does. */
        String routineSchema(String schema, String name);
    }

    /** Which bodies: a routine's, the triggers' on a table, a view's defining query. */
    enum BodyKind { ROUTINE, TRIGGER, VIEW }

    private final Bodies bodies;

    UsageExtractor(Dialect dialect, ParseText text, Catalog catalog, Bodies bodies) {
        this.dialect = dialect;
        this.text = text;
        this.catalog = catalog;
        this.bodies = bodies;
    }

    /**
     * A call of a routine: the routine is used, and what its body uses the statement uses too — a routine that
     * reads a column breaks when the column goes, and so does every caller.
     */
    private void called(List<String> nameParts, String kind) {
        if (nameParts == null || nameParts.isEmpty()) {
            return;
        }
        String name = identifier(nameParts.get(nameParts.size() - 1));
        String schema = nameParts.size() > 1 ? identifier(nameParts.get(nameParts.size() - 2)) : null;
        if (dialect.isSystem(schema, name)) {
            return;
        }
        String home = bodies.routineSchema(schema, name);
        if (home != null) {
            uses.add(new ColumnUse(home, name, ColumnUse.TABLE, Access.CALL));
            include(bodies.of(home, name, BodyKind.ROUTINE), kind + " " + home + "." + name);
        }
    }

    private void include(StatementUsage body, String via) {
        if (body != null) {
            for (ColumnUse use : body.columns()) {
                if (!parameterOrVariable(use)) {
                    uses.add(use.via(via));
                }
            }
            ambiguous |= body.ambiguous();
        }
    }

    /**
     * A body's parameters and PL/pgSQL variables look like columns of its single table ({@code WHERE product_id
     * = p}); the catalog, which lists the table's real columns, tells them apart.
     */
    private boolean parameterOrVariable(ColumnUse use) {
        if (ColumnUse.ALL.equals(use.column()) || ColumnUse.TABLE.equals(use.column()) || use.schema() == null) {
            return false;
        }
        Map<String, String> known = catalog.columns(use.schema(), use.table());
        return known != null && !known.containsKey(use.column().toLowerCase(Locale.ROOT));
    }

    /**
     * What the objects the statement touches use, it uses too: a view's defining query for every relation read
     * or written that is a view, the triggers of every table written. Each through its own body, transitively.
     */
    private void throughObjects() {
        Set<String> seen = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (ColumnUse use : new ArrayList<>(uses)) {
            if (use.schema() == null || use.via() != null || use.access() == Access.CALL) {
                continue;
            }
            String table = use.schema() + "." + use.table();
            if (seen.add(table)) {
                include(bodies.of(use.schema(), use.table(), BodyKind.VIEW), "view " + table);
            }
            if (use.access() == Access.WRITE && written.add(table)) {
                include(bodies.of(use.schema(), use.table(), BodyKind.TRIGGER), "trigger on " + table);
            }
        }
    }

    StatementUsage extract(Statement statement, StatementKind kind) {
        Scope root = new Scope(null);
        if (statement instanceof Select) {
            select((Select) statement, root, false);
        } else if (statement instanceof Insert) {
            insert((Insert) statement, root);
        } else if (statement instanceof Update) {
            update((Update) statement, root);
        } else if (statement instanceof Delete) {
            delete((Delete) statement, root);
        } else if (statement instanceof Merge) {
            merge((Merge) statement, root);
        } else if (statement instanceof Upsert) {
            upsert((Upsert) statement, root);
        } else if (statement instanceof Truncate) {
            Truncate truncate = (Truncate) statement;
            List<Table> tables = truncate.getTables() != null ? truncate.getTables() : List.of(truncate.getTable());
            for (Table table : tables) {
                use(table(table, root), ColumnUse.TABLE, Access.WRITE);
            }
        } else if (statement instanceof Execute) {
            Execute call = (Execute) statement;
            routines.add(call.getName());
            called(java.util.Arrays.asList(call.getName().split("\\.")), "procedure");
            expressionList(call.getExprList(), root);
        }
        throughObjects();
        return new StatementUsage(kind, withTableLevelUses(), routines, ambiguous, null);
    }

    /** Tables used with no particular column (count(*), a bare DELETE) still count as used. */
    private Set<ColumnUse> withTableLevelUses() {
        Set<ColumnUse> result = new HashSet<>();
        Set<String> tablesWithColumns = new HashSet<>();
        for (ColumnUse use : uses) {
            if (use.access() == Access.CALL) {
                result.add(use); // a routine, not a table: its name says nothing about a table's columns
            } else if (!ColumnUse.TABLE.equals(use.column())) {
                result.add(use);
                tablesWithColumns.add(use.schema() + "." + use.table());
            }
        }
        for (ColumnUse use : uses) {
            if (ColumnUse.TABLE.equals(use.column()) && use.access() != Access.CALL
                    && !tablesWithColumns.contains(use.schema() + "." + use.table())) {
                result.add(use);
            }
        }
        return result;
    }

    // ---- statements -------------------------------------------------------------------------------------------

    private void select(Select select, Scope outer, boolean underExists) {
        Scope scope = withItems(select.getWithItemsList(), outer);
        if (select instanceof PlainSelect) {
            plainSelect((PlainSelect) select, scope, underExists);
        } else if (select instanceof SetOperationList) {
            for (Select each : ((SetOperationList) select).getSelects()) {
                select(each, scope, underExists);
            }
        } else if (select instanceof ParenthesedSelect) {
            select(((ParenthesedSelect) select).getSelect(), scope, underExists);
        } else if (select instanceof Values) {
            expressionList(((Values) select).getExpressions(), scope);
        }
    }

    /** CTEs are visible to the statement and to later CTEs; a recursive one also to itself. */
    private Scope withItems(List<WithItem<?>> items, Scope outer) {
        if (items == null || items.isEmpty()) {
            return outer;
        }
        Scope scope = new Scope(outer);
        for (WithItem<?> item : items) {
            String name = identifier(item.getAliasName());
            Relation cte = Relation.derived(outputNames(item));
            if (item.isRecursive()) {
                scope.ctes.put(key(name), cte);
            }
            Object body = item.getStatement();
            if (body instanceof ParenthesedSelect) {
                select((ParenthesedSelect) body, scope, false);
            } else if (body instanceof Statement) {
                dataModifyingCte((Statement) body, scope);
            }
            scope.ctes.put(key(name), cte);
        }
        return scope;
    }

    private void dataModifyingCte(Statement body, Scope scope) {
        if (body instanceof net.sf.jsqlparser.statement.insert.ParenthesedInsert) {
            insert(((net.sf.jsqlparser.statement.insert.ParenthesedInsert) body).getInsert(), scope);
        } else if (body instanceof net.sf.jsqlparser.statement.update.ParenthesedUpdate) {
            update(((net.sf.jsqlparser.statement.update.ParenthesedUpdate) body).getUpdate(), scope);
        } else if (body instanceof net.sf.jsqlparser.statement.delete.ParenthesedDelete) {
            delete(((net.sf.jsqlparser.statement.delete.ParenthesedDelete) body).getDelete(), scope);
        }
    }

    private void plainSelect(PlainSelect select, Scope outer, boolean underExists) {
        Scope scope = new Scope(outer);
        fromItem(select.getFromItem(), scope);
        joins(select.getJoins(), scope);
        joinConditions(select.getJoins(), scope);
        if (select.getSelectItems() != null) {
            for (SelectItem<?> item : select.getSelectItems()) {
                selectItem(item, scope, underExists);
                if (item.getAlias() != null) {
                    scope.selectAliases.add(key(identifier(item.getAlias().getName())));
                }
            }
        }
        if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null) {
            for (SelectItem<?> item : select.getDistinct().getOnSelectItems()) {
                expression(item.getExpression(), scope);
            }
        }
        expression(select.getWhere(), scope);
        scope.aliasesVisible = true;
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy != null) {
            expressionList(groupBy.getGroupByExpressionList(), scope);
            if (groupBy.getGroupingSets() != null) {
                for (ExpressionList<?> set : groupBy.getGroupingSets()) {
                    expressionList(set, scope);
                }
            }
        }
        expression(select.getHaving(), scope);
        if (select.getWindowDefinitions() != null) {
            for (WindowDefinition window : select.getWindowDefinitions()) {
                expressionList(window.getPartitionExpressionList(), scope);
                orderBy(window.getOrderByElements(), scope);
            }
        }
        orderBy(select.getOrderByElements(), scope);
    }

    private void selectItem(SelectItem<?> item, Scope scope, boolean underExists) {
        Expression expression = item.getExpression();
        if (expression instanceof AllTableColumns) {
            if (!underExists) {
                Relation relation = scope.find(key(qualifier(((AllTableColumns) expression).getTable())));
                if (relation != null && relation.isTable()) {
                    use(relation, ColumnUse.ALL, Access.READ);
                }
            }
        } else if (expression instanceof AllColumns) {
            if (!underExists) {
                for (Relation relation : scope.relations.values()) {
                    if (relation.isTable()) {
                        use(relation, ColumnUse.ALL, Access.READ);
                    }
                }
            }
        } else {
            expression(expression, scope);
        }
    }

    private void insert(Insert insert, Scope outer) {
        Scope scope = withItems(insert.getWithItemsList(), outer);
        Relation target = table(insert.getTable(), scope);
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            if (insert.getSetUpdateSets() == null || insert.getSetUpdateSets().isEmpty()) {
                use(target, ColumnUse.ALL, Access.WRITE);
            }
        } else {
            for (Column column : insert.getColumns()) {
                use(target, identifier(column.getColumnName()), Access.WRITE);
            }
        }
        if (insert.getSelect() != null) {
            select(insert.getSelect(), scope, false);
        }
        Scope targetScope = new Scope(scope);
        targetScope.add(scopeKey(insert.getTable()), target);
        updateSets(insert.getSetUpdateSets(), target, targetScope);
        updateSets(insert.getDuplicateUpdateSets(), target, targetScope);
        if (insert.getConflictTarget() != null) {
            List<String> names = insert.getConflictTarget().getIndexColumnNames();
            if (names != null) {
                for (String name : names) {
                    use(target, identifier(name), Access.READ);
                }
            }
            expression(insert.getConflictTarget().getWhereExpression(), targetScope);
        }
        if (insert.getConflictAction() != null) {
            updateSets(insert.getConflictAction().getUpdateSets(), target, targetScope);
            expression(insert.getConflictAction().getWhereExpression(), targetScope);
        }
        returning(insert.getReturningClause(), targetScope);
    }

    /** MySQL REPLACE / INSERT … SET and H2 MERGE … KEY parse as upserts. */
    private void upsert(Upsert upsert, Scope scope) {
        Relation target = table(upsert.getTable(), scope);
        if (upsert.getColumns() == null || upsert.getColumns().isEmpty()) {
            if (upsert.getUpdateSets() == null || upsert.getUpdateSets().isEmpty()) {
                use(target, ColumnUse.ALL, Access.WRITE);
            }
        } else {
            for (Column column : upsert.getColumns()) {
                use(target, identifier(column.getColumnName()), Access.WRITE);
            }
        }
        if (upsert.getSelect() != null) {
            select(upsert.getSelect(), scope, false);
        }
        Scope targetScope = new Scope(scope);
        targetScope.add(scopeKey(upsert.getTable()), target);
        updateSets(upsert.getUpdateSets(), target, targetScope);
        updateSets(upsert.getDuplicateUpdateSets(), target, targetScope);
    }

    private void update(Update update, Scope outer) {
        Scope scope = new Scope(withItems(update.getWithItemsList(), outer));
        joins(update.getStartJoins(), scope);
        Relation target = table(update.getTable(), scope);
        scope.add(scopeKey(update.getTable()), target);
        fromItem(update.getFromItem(), scope);
        joins(update.getJoins(), scope);
        joinConditions(update.getStartJoins(), scope);
        joinConditions(update.getJoins(), scope);
        if (update.getUpdateSets() != null) {
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column column : set.getColumns()) {
                    Relation owner = column.getTable() != null && column.getTable().getName() != null
                            ? scope.find(key(qualifier(column.getTable()))) : target;
                    use(owner != null ? owner : target, identifier(column.getColumnName()), Access.WRITE);
                }
                expressionList(set.getValues(), scope);
            }
        }
        expression(update.getWhere(), scope);
        orderBy(update.getOrderByElements(), scope);
        returning(update.getReturningClause(), scope);
    }

    private void delete(Delete delete, Scope outer) {
        Scope scope = new Scope(withItems(delete.getWithItemsList(), outer));
        Relation target = table(delete.getTable(), scope);
        scope.add(scopeKey(delete.getTable()), target);
        use(target, ColumnUse.TABLE, Access.WRITE);
        if (delete.getTables() != null) {
            for (Table table : delete.getTables()) {
                Relation relation = scope.find(key(qualifier(table)));
                if (relation == null) {
                    relation = table(table, scope);
                    scope.add(scopeKey(table), relation);
                }
                use(relation, ColumnUse.TABLE, Access.WRITE);
            }
        }
        if (delete.getUsingFromItemList() != null) {
            for (FromItem item : delete.getUsingFromItemList()) {
                fromItem(item, scope);
            }
        }
        joins(delete.getJoins(), scope);
        joinConditions(delete.getJoins(), scope);
        expression(delete.getWhere(), scope);
        orderBy(delete.getOrderByElements(), scope);
        returning(delete.getReturningClause(), scope);
    }

    private void merge(Merge merge, Scope outer) {
        Scope scope = new Scope(withItems(merge.getWithItemsList(), outer));
        Relation target = table(merge.getTable(), scope);
        scope.add(scopeKey(merge.getTable()), target);
        fromItem(merge.getFromItem(), scope);
        expression(merge.getOnCondition(), scope);
        if (merge.getOperations() != null) {
            for (MergeOperation operation : merge.getOperations()) {
                if (operation instanceof MergeUpdate) {
                    MergeUpdate update = (MergeUpdate) operation;
                    expression(update.getAndPredicate(), scope);
                    updateSets(update.getUpdateSets(), target, scope);
                    expression(update.getWhereCondition(), scope);
                    expression(update.getDeleteWhereCondition(), scope);
                } else if (operation instanceof MergeInsert) {
                    MergeInsert insert = (MergeInsert) operation;
                    expression(insert.getAndPredicate(), scope);
                    if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
                        use(target, ColumnUse.ALL, Access.WRITE);
                    } else {
                        for (Column column : insert.getColumns()) {
                            use(target, identifier(column.getColumnName()), Access.WRITE);
                        }
                    }
                    expressionList(insert.getValues(), scope);
                    expression(insert.getWhereCondition(), scope);
                }
            }
        }
    }

    private void updateSets(List<UpdateSet> sets, Relation target, Scope scope) {
        if (sets == null) {
            return;
        }
        for (UpdateSet set : sets) {
            for (Column column : set.getColumns()) {
                use(target, identifier(column.getColumnName()), Access.WRITE);
            }
            expressionList(set.getValues(), scope);
        }
    }

    private void returning(List<SelectItem<?>> returning, Scope scope) {
        if (returning != null) {
            for (SelectItem<?> item : returning) {
                selectItem(item, scope, false);
            }
        }
    }

    private void orderBy(List<OrderByElement> elements, Scope scope) {
        if (elements != null) {
            scope.aliasesVisible = true;
            for (OrderByElement element : elements) {
                expression(element.getExpression(), scope);
            }
        }
    }

    // ---- FROM ---------------------------------------------------------------------------------------------------

    private void fromItem(FromItem item, Scope scope) {
        if (item == null) {
            return;
        }
        if (item instanceof Table) {
            Table table = (Table) item;
            Relation relation = table(table, scope);
            scope.add(scopeKey(table), relation);
            use(relation, ColumnUse.TABLE, Access.READ);
        } else if (item instanceof ParenthesedSelect) {
            ParenthesedSelect derived = (ParenthesedSelect) item;
            select(derived.getSelect(), scope, false);
            scope.addDerived(alias(derived.getAlias()), Relation.derived(outputNames(derived.getSelect())));
        } else if (item instanceof ParenthesedFromItem) {
            ParenthesedFromItem nested = (ParenthesedFromItem) item;
            if (nested.getAlias() != null) {
                // (VALUES …) AS x(n), or a parenthesised join given a name: its columns are its own
                Scope inner = new Scope(scope);
                fromItem(nested.getFromItem(), inner);
                joins(nested.getJoins(), inner);
                joinConditions(nested.getJoins(), inner);
                scope.addDerived(alias(nested.getAlias()), Relation.derived(null));
            } else {
                fromItem(nested.getFromItem(), scope);
                joins(nested.getJoins(), scope);
                joinConditions(nested.getJoins(), scope);
            }
        } else if (item instanceof TableFunction) {
            TableFunction function = (TableFunction) item;
            expression(function.getFunction(), scope);
            scope.addDerived(alias(function.getAlias()), Relation.derived(null));
        } else if (item instanceof Select) {
            select((Select) item, scope, false);
            scope.addDerived(alias(item.getAlias()), Relation.derived(null));
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins != null) {
            for (Join join : joins) {
                fromItem(join.getRightItem(), scope);
            }
        }
    }

    /** After every FROM item is known, so conditions may refer to any of them. */
    private void joinConditions(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            if (join.getOnExpressions() != null) {
                for (Expression on : join.getOnExpressions()) {
                    expression(on, scope);
                }
            }
            if (join.getUsingColumns() != null) {
                for (Column column : join.getUsingColumns()) {
                    String name = identifier(column.getColumnName());
                    for (Relation relation : scope.relations.values()) {
                        if (relation.isTable() && relation.mayHave(name, catalog)) {
                            use(relation, name, Access.READ);
                        }
                    }
                }
            }
        }
    }

    /** A table reference: a CTE when one of that name is visible, else a real table with its schema resolved. */
    private Relation table(Table table, Scope scope) {
        if (table == null || table.getName() == null) {
            return null;
        }
        String name = identifier(table.getName());
        String schema = table.getSchemaName() == null ? null : identifier(table.getSchemaName());
        if (schema == null) {
            Relation cte = scope.cte(key(name));
            if (cte != null) {
                return cte;
            }
            if (dialect.isSystem(null, name)) {
                return Relation.table(null, name);
            }
            List<String> schemas = catalog.schemasOf(name);
            if (schemas.size() > 1) {
                ambiguous = true; // on none of the path's schemas: filed under each, never under one alone
                return new Relation(schemas.get(0), name, null, schemas.subList(1, schemas.size()));
            }
            schema = schemas.isEmpty() ? dialect.defaultSchema() : schemas.get(0);
        }
        return Relation.table(schema, name);
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private void expression(Expression expression, Scope scope) {
        if (expression != null) {
            expression.accept(expressions, scope);
        }
    }

    private void expressionList(ExpressionList<?> list, Scope scope) {
        if (list != null) {
            for (Expression expression : list) {
                expression(expression, scope);
            }
        }
    }

    private final class Expressions extends ExpressionVisitorAdapter<Void> {
        @Override
        public <S> Void visit(Column column, S context) {
            column(column, (Scope) context);
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            UsageExtractor.this.select(select, (Scope) context, false);
            return null;
        }

        @Override
        public <S> Void visit(ExistsExpression exists, S context) {
            Expression right = exists.getRightExpression();
            if (right instanceof Select) {
                UsageExtractor.this.select((Select) right, (Scope) context, true);
                return null;
            }
            return super.visit(exists, context);
        }

        @Override
        public <S> Void visit(AnyComparisonExpression comparison, S context) {
            UsageExtractor.this.select(comparison.getSelect(), (Scope) context, false);
            return null;
        }

        /** {@code second.parent_id}: JSqlParser reads an alias that is also a keyword as a row access. */
        @Override
        public <S> Void visit(RowGetExpression access, S context) {
            String qualifier = access.getExpression().toString();
            if (qualifier.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                column(new Column(new Table(qualifier), access.getColumnName()), (Scope) context);
                return null;
            }
            return super.visit(access, context);
        }

        /**
         * MySQL's VALUES(col) in ON DUPLICATE KEY UPDATE names the proposed row, already counted as written.
         * Keyword-separated arguments — {@code substring(c FROM 1 FOR 2)}, {@code position('a' IN c)},
         * {@code overlay(c PLACING 'x' FROM 1)} — are named parameters, which the adapter does not walk.
         */
        @Override
        public <S> Void visit(Function function, S context) {
            if (dialect == Dialect.MYSQL && "values".equalsIgnoreCase(function.getName())) {
                return null;
            }
            if (function.getNamedParameters() != null) {
                expressionList(function.getNamedParameters(), (Scope) context);
            }
            called(function.getMultipartName(), "function");
            return super.visit(function, context);
        }

        /** {@code trim(both ' ' FROM c)}, {@code trim(leading FROM c)}: either part may be missing. */
        @Override
        public <S> Void visit(TrimFunction trim, S context) {
            expression(trim.getExpression(), (Scope) context);
            expression(trim.getFromExpression(), (Scope) context);
            return null;
        }

        /** {@code row_to_json(t.*)} and the like depend on every column of t. */
        @Override
        public <S> Void visit(AllTableColumns columns, S context) {
            Relation relation = ((Scope) context).find(key(qualifier(columns.getTable())));
            if (relation != null && relation.isTable()) {
                use(relation, ColumnUse.ALL, Access.READ);
            }
            return null;
        }
    }

    private void column(Column column, Scope scope) {
        String name = identifier(column.getColumnName());
        Table qualifierTable = column.getTable();
        if (qualifierTable != null && qualifierTable.getName() != null) {
            String qualifier = qualifier(qualifierTable);
            Relation relation = scope.find(key(qualifier));
            if (relation != null) {
                use(relation, name, Access.READ);
            } else if (!ROW_QUALIFIERS.contains(qualifier.toLowerCase(Locale.ROOT))) {
                // not in scope (e.g. a table named only in a RETURNING clause): record it rather than lose it
                use(table(qualifierTable, scope), name, Access.READ);
            }
            return;
        }
        if (scope.isSelectAlias(key(name)) || PSEUDO_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        resolveUnqualified(name, scope);
    }

    /** SQL's rule: the innermost scope that has the column wins; the catalog says which tables have it. */
    private void resolveUnqualified(String name, Scope scope) {
        Scope firstWithRelations = null;
        for (Scope current = scope; current != null; current = current.parent) {
            if (current.relations.isEmpty()) {
                continue;
            }
            if (firstWithRelations == null) {
                firstWithRelations = current;
            }
            List<Relation> having = new ArrayList<>();
            boolean unknown = false;
            for (Relation relation : current.relations.values()) {
                Boolean has = relation.has(name, catalog);
                if (has == null) {
                    unknown = true;
                } else if (has) {
                    having.add(relation);
                }
            }
            if (having.size() == 1 && !unknown) {
                use(having.get(0), name, Access.READ);
                return;
            }
            if (!having.isEmpty() || unknown) {
                List<Relation> candidates = new ArrayList<>(having);
                for (Relation relation : current.relations.values()) {
                    if (relation.has(name, catalog) == null) {
                        candidates.add(relation);
                    }
                }
                attribute(name, candidates);
                return;
            }
        }
        if (firstWithRelations != null) {
            // no table is known to have it: keep it on every candidate rather than drop it
            attribute(name, new ArrayList<>(firstWithRelations.relations.values()));
        }
    }

    /** One candidate is a resolution; several make the statement ambiguous, and each gets the column. */
    private void attribute(String name, List<Relation> candidates) {
        List<Relation> tables = new ArrayList<>();
        boolean derived = false;
        for (Relation candidate : candidates) {
            if (candidate.isTable()) {
                if (!tables.contains(candidate)) {
                    tables.add(candidate);
                }
            } else {
                derived = true;
            }
        }
        if (tables.size() + (derived ? 1 : 0) > 1) {
            ambiguous = true;
        }
        for (Relation table : tables) {
            use(table, name, Access.READ);
        }
    }

    private void use(Relation relation, String column, Access access) {
        if (relation == null || !relation.isTable() || dialect.isSystem(relation.schema, relation.name)) {
            return;
        }
        String spelled = column;
        if (!ColumnUse.ALL.equals(column) && !ColumnUse.TABLE.equals(column)) {
            Map<String, String> known = catalog.columns(relation.schema, relation.name);
            if (known != null && known.containsKey(column.toLowerCase(Locale.ROOT))) {
                spelled = known.get(column.toLowerCase(Locale.ROOT));
            }
        }
        uses.add(new ColumnUse(relation.schema, relation.name, spelled, access));
        for (String schema : relation.alsoIn) {
            uses.add(new ColumnUse(schema, relation.name, spelled, access));
        }
    }

    // ---- names --------------------------------------------------------------------------------------------------

    /** A name from the parse tree as the catalog spells it. */
    private String identifier(String raw) {
        return text.identifier(dialect, raw);
    }

    /** The name a FROM item is known by in its scope: its alias, else its own name. */
    private String scopeKey(Table table) {
        if (table == null) {
            return null;
        }
        Alias alias = table.getAlias();
        return key(identifier(alias != null ? alias.getName() : table.getName()));
    }

    private String qualifier(Table table) {
        return identifier(table.getName());
    }

    private String alias(Alias alias) {
        return alias == null ? null : identifier(alias.getName());
    }

    /** Scope keys are case-insensitive: SQL matches aliases without regard to case in every dialect we know. */
    private static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** The output column names of a CTE or derived table, when it states them; null when unknown. */
    private Set<String> outputNames(Object source) {
        List<SelectItem<?>> items = null;
        if (source instanceof WithItem) {
            WithItem<?> item = (WithItem<?>) source;
            if (item.getWithItemList() != null) {
                Set<String> names = new HashSet<>();
                for (SelectItem<?> each : item.getWithItemList()) {
                    names.add(key(identifier(each.toString())));
                }
                return names;
            }
            Object body = item.getStatement();
            source = body instanceof ParenthesedSelect ? ((ParenthesedSelect) body).getSelect() : null;
        }
        while (source instanceof ParenthesedSelect) {
            source = ((ParenthesedSelect) source).getSelect();
        }
        if (source instanceof SetOperationList && !((SetOperationList) source).getSelects().isEmpty()) {
            source = ((SetOperationList) source).getSelects().get(0);
        }
        if (source instanceof PlainSelect) {
            items = ((PlainSelect) source).getSelectItems();
        }
        if (items == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (SelectItem<?> item : items) {
            if (item.getAlias() != null) {
                names.add(key(identifier(item.getAlias().getName())));
            } else if (item.getExpression() instanceof Column) {
                names.add(key(identifier(((Column) item.getExpression()).getColumnName())));
            } else if (item.getExpression() instanceof AllColumns) {
                return null;
            }
        }
        return names;
    }

    /** A name in scope: a real table, or a CTE / derived table / table function whose columns are its own. */
    private static final class Relation {
        final String schema;
        final String name;
        final Set<String> outputs;
        /** The other schemas a table no schema on the path has may be in. */
        final List<String> alsoIn;

        private Relation(String schema, String name, Set<String> outputs, List<String> alsoIn) {
            this.schema = schema;
            this.name = name;
            this.outputs = outputs;
            this.alsoIn = alsoIn;
        }

        static Relation table(String schema, String name) {
            return new Relation(schema, name, null, List.of());
        }

        static Relation derived(Set<String> outputs) {
            return new Relation(null, null, outputs, List.of());
        }

        boolean isTable() {
            return name != null;
        }

        /** Whether this relation has the column: true, false, or null when nobody knows. */
        Boolean has(String column, Catalog catalog) {
            if (!isTable()) {
                return outputs == null ? null : outputs.contains(key(column));
            }
            Map<String, String> columns = catalog.columns(schema, name);
            return columns == null ? null : columns.containsKey(column.toLowerCase(Locale.ROOT));
        }

        boolean mayHave(String column, Catalog catalog) {
            return !Boolean.FALSE.equals(has(column, catalog));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Relation && isTable() && java.util.Objects.equals(schema, ((Relation) other).schema)
                    && name.equals(((Relation) other).name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(schema, name);
        }
    }

    private static final class Scope {
        final Scope parent;
        final Map<String, Relation> relations = new LinkedHashMap<>();
        final Map<String, Relation> ctes = new LinkedHashMap<>();
        final Set<String> selectAliases = new HashSet<>();
        boolean aliasesVisible;

        Scope(Scope parent) {
            this.parent = parent;
        }

        void add(String key, Relation relation) {
            if (key != null && relation != null) {
                relations.put(key, relation);
            }
        }

        void addDerived(String alias, Relation relation) {
            relations.put(alias == null ? "(derived " + relations.size() + ")" : key(alias), relation);
        }

        Relation find(String key) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                Relation relation = scope.relations.get(key);
                if (relation != null) {
                    return relation;
                }
            }
            return null;
        }

        Relation cte(String key) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                Relation cte = scope.ctes.get(key);
                if (cte != null) {
                    return cte;
                }
            }
            return null;
        }

        /** ORDER BY, GROUP BY and HAVING may name a select-list alias; WHERE may not. */
        boolean isSelectAlias(String key) {
            return aliasesVisible && selectAliases.contains(key);
        }
    }
}
