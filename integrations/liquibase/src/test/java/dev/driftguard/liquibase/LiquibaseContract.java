package dev.driftguard.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.TestDatabase;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.exception.CommandExecutionException;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase's {@code update} command with a plain vendor URL and driftguard-liquibase on the class path, as its
 * command line and Maven plugin run it: a changeset that drops, renames, retypes or makes NOT NULL what a live
 * version uses is refused before it runs, in each changelog format, and runs once the version has stopped.
 */
abstract class LiquibaseContract {

    /** The table every test starts with. */
    static final String PRODUCT = "CREATE TABLE product (id int PRIMARY KEY, name varchar(40), rating int)";

    /** A database with {@link #PRODUCT}. */
    abstract TestDatabase db();

    /** The schema {@code product} is in, as the registry records it. */
    abstract String schema();

    @TempDir
    Path changelogs;

    private LiveVersions registry;

    @BeforeEach
    void shopOneIsLive() throws SQLException {
        // every test starts from the table alone: no history, nothing an earlier test's update made
        db().execute("DROP TABLE IF EXISTS review", "DROP TABLE IF EXISTS product", "DROP TABLE IF EXISTS DATABASECHANGELOG",
                "DROP TABLE IF EXISTS DATABASECHANGELOGLOCK", PRODUCT);
        registry = new LiveVersions(db());
        registry.stopAll();
        registry.live("shop", "1.0.0", schema(), "read product.rating", "read product.name", "write product.name");
    }

    @Test
    void anXmlDropColumnIsRefusedWhileALiveVersionReadsTheColumnAndRunsAfterItStops() throws Exception {
        write("changelog.xml", xml("  <changeSet id=\"drop-rating\" author=\"shop\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"));
        assertRefused("changelog.xml", "drop-rating");

        registry.stop("shop", "1.0.0");
        update("changelog.xml");
        assertEquals(List.of("id", "name"), columns());
        assertEquals(1, ranChangeSets("drop-rating"));
    }

    @Test
    void aRefusedChangesetStopsTheUpdateBeforeTheChangesetsAheadOfItRun() throws Exception {
        write("changelog.xml", xml("  <changeSet id=\"add-review\" author=\"shop\">\n"
                + "    <createTable tableName=\"review\"><column name=\"id\" type=\"int\"/></createTable>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating\" author=\"shop\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"));
        String message = assertRefused("changelog.xml", "drop-rating");
        assertTrue(message.contains("Changeset changelog.xml::drop-rating::shop"), message);
        assertTrue(message.contains("No changeset of this update was executed."), message);
        assertEquals(List.of(), columns("review"), "the changeset ahead of the refused one ran");
        assertEquals(0, ranChangeSets("add-review"));

        registry.stop("shop", "1.0.0");
        update("changelog.xml");
        assertEquals(List.of("id"), columns("review"));
        assertEquals(List.of("id", "name"), columns());
    }

    @Test
    void onlyWhatTheUpdateWillRunIsChecked() throws Exception {
        write("changelog.xml", xml("  <changeSet id=\"add-review\" author=\"shop\">\n"
                + "    <createTable tableName=\"review\"><column name=\"id\" type=\"int\"/></createTable>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating-elsewhere\" author=\"shop\" dbms=\"oracle\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating-if-absent\" author=\"shop\">\n"
                + "    <preConditions onFail=\"MARK_RAN\"><not><columnExists tableName=\"product\""
                + " columnName=\"rating\"/></not></preConditions>\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating-later\" author=\"shop\" context=\"later\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"));
        update("changelog.xml", "contextFilter", "now");
        assertEquals(List.of("id"), columns("review"));
        assertEquals(List.of("id", "name", "rating"), columns());

    }

    /** update-count cannot tell the check its count: a refused changeset beyond it stops the update too (docs). */
    @Test
    void updateCountIsCheckedAsTheWholePendingUpdate() throws Exception {
        write("count.xml", xml("  <changeSet id=\"add-note\" author=\"shop\">\n"
                + "    <addColumn tableName=\"product\"><column name=\"note\" type=\"varchar(20)\"/></addColumn>\n"
                + "  </changeSet>\n"
                + "  <changeSet id=\"drop-rating\" author=\"shop\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"));
        assertThrows(CommandExecutionException.class, () -> run("updateCount", "count.xml", "count", 1));
        assertEquals(List.of("id", "name", "rating"), columns());

        registry.stop("shop", "1.0.0");
        run("updateCount", "count.xml", "count", 1);
        assertEquals(List.of("id", "name", "rating", "note"), columns(), "update-count 1 ran the first changeset only");
    }

    @Test
    void updateSqlIsNotRefusedBecauseItExecutesNothing() throws Exception {
        write("changelog.xml", xml("  <changeSet id=\"drop-rating\" author=\"shop\">\n"
                + "    <dropColumn tableName=\"product\" columnName=\"rating\"/>\n"
                + "  </changeSet>\n"));
        run("updateSql", "changelog.xml", "outputDefaultSchema", false);
        assertEquals(List.of("id", "name", "rating"), columns());
    }

    @Test
    void aYamlRenameColumnIsRefusedWhileALiveVersionReadsTheColumn() throws Exception {
        write("changelog.yaml", "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: rename-name\n"
                + "      author: shop\n"
                + "      changes:\n"
                + "        - renameColumn:\n"
                + "            tableName: product\n"
                + "            oldColumnName: name\n"
                + "            newColumnName: title\n"
                + "            columnDataType: varchar(40)\n");
        assertRefused("changelog.yaml", "rename-name");
    }

    @Test
    void aFormattedSqlChangesetIsRefusedWhileALiveVersionReadsTheColumn() throws Exception {
        write("changelog.sql", "--liquibase formatted sql\n\n"
                + "--changeset shop:retype-rating\n"
                + "ALTER TABLE product " + retypeRating() + ";\n");
        assertRefused("changelog.sql", "retype-rating");
    }

    @Test
    void aStatementWithAnOverrideCommentRunsWhileALiveVersionReadsTheColumn() throws Exception {
        write("changelog.sql", "--liquibase formatted sql\n\n"
                + "--changeset shop:drop-rating stripComments:false\n"
                + "/* driftguard:allow reason=\"rating moved to the review service\" */ ALTER TABLE product DROP COLUMN rating;\n");
        long overrides = registryRows("override_log", "");
        update("changelog.sql");
        assertEquals(List.of("id", "name"), columns());
        assertEquals(overrides + 1, registryRows("override_log", ""), "the override is recorded once, as it ran");
    }

    @Test
    void xmlModifyDataTypeAndAddNotNullConstraintAreRefusedWhileALiveVersionReadsOrWritesAroundTheColumn() throws Exception {
        write("changelog.xml", xml("  <changeSet id=\"retype\" author=\"shop\">\n"
                + "    <modifyDataType tableName=\"product\" columnName=\"rating\" newDataType=\"varchar(10)\"/>\n"
                + "  </changeSet>\n"));
        assertRefused("changelog.xml", "retype");
        write("not-null.xml", xml("  <changeSet id=\"rating-required\" author=\"shop\">\n"
                + "    <addNotNullConstraint tableName=\"product\" columnName=\"rating\" columnDataType=\"int\"/>\n"
                + "  </changeSet>\n"));
        // shop 1.0.0 writes product but never its rating: its inserts would fail
        assertRefused("not-null.xml", "rating-required");
    }

    /** The dialect's way to change {@code rating} from int to text. */
    abstract String retypeRating();

    /** The refusal's whole message. */
    private String assertRefused(String changelog, String changeSet) throws Exception {
        CommandExecutionException refused = assertThrows(CommandExecutionException.class, () -> update(changelog));
        String message = messages(refused);
        assertTrue(message.contains("driftguard refused this statement"), message);
        assertTrue(message.contains("blocked by shop 1.0.0"), message);
        assertEquals(List.of("id", "name", "rating"), columns(), "the refused changeset changed the table");
        assertEquals(0, ranChangeSets(changeSet), "the refused changeset is recorded as run");
        assertEquals(0, otherInstances(), "Liquibase's own statements were recorded as an application's");
        return message;
    }

    /** Instances in the registry besides the fixture's shop. */
    private long otherInstances() throws SQLException {
        return registryRows("instance", " WHERE app <> 'shop'");
    }

    /** The rows of the registry's {@code table} that meet {@code condition} (a WHERE clause, or empty). */
    private long registryRows(String table, String condition) throws SQLException {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + Registry.forUrl(db().url()).name(table)
                     + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** As Liquibase's command line runs {@code update --search-path=DIR --changelog-file=NAME}. */
    private void update(String changelog) throws Exception {
        run("update", changelog, null, null);
    }

    private void update(String changelog, String argument, Object value) throws Exception {
        run("update", changelog, argument, value);
    }

    /** Liquibase's {@code command} on {@code changelog}, with one more {@code argument} when not null. */
    private void run(String command, String changelog, String argument, Object value) throws Exception {
        CommandScope scope = new CommandScope(command)
                .addArgumentValue("url", db().url())
                .addArgumentValue("username", db().user())
                .addArgumentValue("password", db().password())
                .addArgumentValue("changelogFile", changelog)
                .setOutput(OutputStream.nullOutputStream());
        if (argument != null) {
            scope.addArgumentValue(argument, value);
        }
        Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(changelogs), () -> scope.execute());
    }

    /** An XML changelog of {@code changeSets}, with the schema Liquibase validates it against. */
    private static String xml(String changeSets) {
        return "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + changeSets + "</databaseChangeLog>\n";
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(changelogs.resolve(name), content);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    private List<String> columns() throws SQLException {
        return columns("product");
    }

    /** The columns of {@code table} as the server lists them; none when there is no such table. */
    private List<String> columns(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = db().connect();
             ResultSet rows = connection.getMetaData().getColumns(connection.getCatalog(), null, table, null)) {
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Rows of Liquibase's history for {@code changeSet} (its table as Liquibase names it); 0 before it exists. */
    private long ranChangeSets(String changeSet) {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM DATABASECHANGELOG WHERE id = '" + changeSet + "'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException noHistoryYet) {
            return 0;
        }
    }
}
