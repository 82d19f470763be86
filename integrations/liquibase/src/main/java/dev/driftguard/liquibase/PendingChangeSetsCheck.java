package dev.driftguard.liquibase;

import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.config.Environment;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.guard.MigrationCheck;
import dev.driftguard.internal.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.core.StatusCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.exception.DatabaseException;
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * Before an update executes its first change, generates the SQL of every changeset still pending — Liquibase's
 * own choice: what ran already, contexts, labels, {@code dbms}, preconditions — and checks it all against live
 * usage; one refused statement stops the update before its first change runs, naming every refused changeset.
 *
 * <p>Liquibase's executor of JDBC statements for databases reached through a {@link DriftGuardJdbcConnection}, one
 * priority above its own: the one hook that every executing command passes through with its changelog at hand
 * and that another extension cannot make fail (an executor of higher priority, Liquibase Pro's or another, simply
 * wins; the connection then still checks each statement as it runs). Commands that only write SQL
 * ({@code update-sql}) use Liquibase's logging executor, not this one. A change whose SQL cannot be generated in
 * advance (it depends on what an earlier changeset creates) is left to the connection's check as it runs.
 */
public class PendingChangeSetsCheck extends JdbcExecutor {

    private static final Log LOG = Log.of(PendingChangeSetsCheck.class);

    /** The changelog whose pending changesets were checked last: each update parses its own. */
    private DatabaseChangeLog checked;

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    @Override
    public boolean supports(Database database) {
        return database.getConnection() instanceof DriftGuardJdbcConnection;
    }

    @Override
    public void execute(Change change, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        ChangeSet running = change.getChangeSet();
        if (running != null && running.getChangeLog() != null
                && running.getChangeLog().getRootChangeLog() != checked) {
            checked = running.getChangeLog().getRootChangeLog();
            checkPending(checked);
        }
        super.execute(change, sqlVisitors);
    }

    private void checkPending(DatabaseChangeLog changeLog) throws DatabaseException {
        DriftGuardJdbcConnection connection = (DriftGuardJdbcConnection) database.getConnection();
        Settings settings = Settings.resolve(connection.properties(), Environment.ofThisProcess());
        Dialect dialect = Dialect.ofUrl(connection.getURL());
        if (settings.guard() == Settings.GuardMode.OFF || dialect == Dialect.GENERIC) {
            return;
        }
        ChangeLogParameters parameters = changeLog.getChangeLogParameters();
        try (MigrationCheck guard = new MigrationCheck(settings, dialect, connection.getURL(),
                connection.vendorConnections(), connection.properties(), true)) {
            List<ChangeSet> pending = new StatusCommandStep().listUnrunChangeSets(
                    parameters == null ? new Contexts() : parameters.getContexts(),
                    parameters == null ? new LabelExpression() : parameters.getLabels(), changeLog, database);
            check(pending, database, changeLog, guard, connection.getUnderlyingConnection());
        } catch (DatabaseException refused) {
            throw refused;
        } catch (Exception e) {
            throw new DatabaseException("driftguard: cannot check the update's pending changesets against live usage ("
                    + e.getClass().getSimpleName() + "). Nothing was run. Check that Liquibase's user may read the"
                    + " catalog, or run with driftguard.guard=warn to let the update through with a warning.", e);
        }
    }

    private static void check(List<ChangeSet> pending, Database database, DatabaseChangeLog changeLog,
                              MigrationCheck guard, Connection session) throws Exception {
        List<String> refusals = new ArrayList<>();
        for (ChangeSet changeSet : pending) {
            if (!willRun(changeSet, database, changeLog)) {
                continue;
            }
            for (Change change : changeSet.getChanges()) {
                for (String statement : sql(change, changeSet, database)) {
                    try {
                        guard.check(statement, session);
                    } catch (SQLException refusal) {
                        refusals.add("Changeset " + changeSet + ":\n" + refusal.getMessage());
                    }
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new DatabaseException("driftguard checked the update's pending changesets before its first change:\n\n"
                    + String.join("\n\n", refusals) + "\n\nNo changeset of this update was executed.");
        }
    }

    /** Whether the changeset's preconditions let it run; one whose check fails runs nothing, or stops the update. */
    private static boolean willRun(ChangeSet changeSet, Database database, DatabaseChangeLog changeLog)
            throws Exception {
        if (changeSet.getPreconditions() == null) {
            return true;
        }
        try {
            changeSet.getPreconditions().check(database, changeLog, changeSet, null);
            return true;
        } catch (PreconditionFailedException | PreconditionErrorException notRun) {
            return false;
        }
    }

    /**
     * The statements {@code change} will send, as Liquibase's executor makes them (the changeset's
     * {@code modifySql} applied), generated as Liquibase generates them for its own log: without executing
     * anything ({@code Change.SHOULD_EXECUTE} false, which custom and shell changes honour). Nothing
     * when the change is skipped on this database or its SQL cannot be known in advance.
     */
    private static List<String> sql(Change change, ChangeSet changeSet, Database database) {
        if (change instanceof DbmsTargetedChange
                && !DatabaseList.definitionMatches(((DbmsTargetedChange) change).getDbms(), database, true)) {
            return List.of();
        }
        List<String> sql = new ArrayList<>();
        try {
            Scope.child(Change.SHOULD_EXECUTE, Boolean.FALSE, () -> {
                change.finishInitialization();
                for (SqlStatement statement : change.generateStatements(database)) {
                    if (statement.skipOnUnsupported() && !SqlGeneratorFactory.getInstance().supports(statement, database)) {
                        continue;
                    }
                    for (Sql generated : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                        String text = generated.toSql();
                        for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
                            text = visitor.modifySql(text, database);
                        }
                        sql.add(text);
                    }
                }
            });
        } catch (Exception notYetKnowable) {
            // its message may quote the changelog's values: only its kind is logged
            LOG.debug("driftguard: a change of {} is checked as it runs, not before the update ({})", changeSet,
                    notYetKnowable.getClass().getSimpleName());
            return List.of();
        }
        return sql;
    }
}
