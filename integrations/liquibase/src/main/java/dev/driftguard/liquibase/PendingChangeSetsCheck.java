package dev.driftguard.liquibase;

import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.config.Environment;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.guard.MigrationCheck;
import dev.driftguard.internal.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.ListVisitor;
import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.CommandStep;
import liquibase.command.core.AbstractUpdateCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.exception.CommandExecutionException;
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * Before an update ({@code update}, {@code update-count}, {@code update-to-tag}) executes anything, generates the SQL
 * of every changeset it will run — Liquibase's own choice of what is pending: contexts, labels, {@code dbms},
 * preconditions, count and tag, what ran already — and checks it all against live usage; one refused statement
 * stops the update before its first changeset, naming every refused changeset.
 *
 * <p>Liquibase runs this step where it would build the update's {@code ChangeExecListener} (it provides that
 * listener as the step it replaces did), the one place of every update's pipeline after the changelog is read and
 * before the update runs. It checks only updates over a {@link DriftGuardJdbcConnection}. A change whose SQL cannot
 * be generated in advance (one that depends on what an earlier changeset creates) is left to that connection, which
 * checks each statement as it runs.
 */
@CommandOverride(override = ChangeExecListenerCommandStep.class)
public class PendingChangeSetsCheck extends ChangeExecListenerCommandStep {

    private static final Log LOG = Log.of(PendingChangeSetsCheck.class);

    @Override
    public List<Class<?>> requiredDependencies() {
        // every pipeline that asks for a ChangeExecListener reads a changelog
        return Arrays.asList(Database.class, DatabaseChangeLog.class, ChangeLogParameters.class);
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) throws Exception {
        super.run(resultsBuilder);
        CommandScope command = resultsBuilder.getCommandScope();
        Database database = (Database) command.getDependency(Database.class);
        AbstractUpdateCommandStep update = executingUpdate(command);
        if (update == null || !(database.getConnection() instanceof DriftGuardJdbcConnection)) {
            return;
        }
        DriftGuardJdbcConnection connection = (DriftGuardJdbcConnection) database.getConnection();
        Settings settings = Settings.resolve(connection.properties(), Environment.ofThisProcess());
        Dialect dialect = Dialect.ofUrl(connection.getURL());
        if (settings.guard() == Settings.GuardMode.OFF || dialect == Dialect.GENERIC) {
            return;
        }
        DatabaseChangeLog changeLog = (DatabaseChangeLog) command.getDependency(DatabaseChangeLog.class);
        Contexts contexts = new Contexts(update.getContextsArg(command));
        LabelExpression labels = new LabelExpression(update.getLabelFilterArg(command));
        ListVisitor pending = new ListVisitor();
        update.getStatusChangelogIterator(command, database, contexts, labels, changeLog)
                .run(pending, new RuntimeEnvironment(database, contexts, labels));
        try (MigrationCheck guard = new MigrationCheck(settings, dialect, connection.getURL(),
                connection.vendorConnections(), connection.properties())) {
            check(pending.getSeenChangeSets(), database, changeLog, guard, connection.getUnderlyingConnection());
        }
    }

    /** The pipeline's update when it executes changesets; {@code update-sql} and the like only write them. */
    private static AbstractUpdateCommandStep executingUpdate(CommandScope command) {
        String[] name = command.getCommand().getName();
        if (name[name.length - 1].endsWith("Sql")) {
            return null;
        }
        for (CommandStep step : command.getCommand().getPipeline()) {
            if (step instanceof AbstractUpdateCommandStep) {
                return (AbstractUpdateCommandStep) step;
            }
        }
        return null;
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
            throw new CommandExecutionException(String.join("\n\n", refusals)
                    + "\n\nNo changeset of this update was executed.");
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
