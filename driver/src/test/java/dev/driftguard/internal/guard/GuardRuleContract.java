package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's rules as one table — what a live version's use lets a DDL statement do — run against every place
 * that enforces them on PostgreSQL: the driver's check ({@link PostgresDriverRulesTest}) and the event trigger
 * ({@link PostgresTriggerRulesTest}). A rule changed in one place and not in the other fails here. The schema
 * after each statement is the database's own answer: a refused statement left it as it was.
 */
abstract class GuardRuleContract {

    enum Outcome { RUNS, REFUSED }

    /** A live version of the table's user, then a statement, and what the guard must do with it. */
    static final class Rule {
        final String name;
        final List<String> uses;
        final String ddl;
        final Outcome outcome;

        Rule(String name, List<String> uses, String ddl, Outcome outcome) {
            this.name = name;
            this.uses = uses;
            this.ddl = ddl;
            this.outcome = outcome;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Rule rule(String name, String use, String ddl, Outcome outcome) {
        return new Rule(name, List.of(use.split(", ")), ddl, outcome);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
            rule("drop of a column a live version reads", "read product.rating",
                    "ALTER TABLE product DROP COLUMN rating", Outcome.REFUSED),
            rule("drop of a column no live version uses", "read product.name",
                    "ALTER TABLE product DROP COLUMN rating", Outcome.RUNS),
            rule("SELECT * blocks the drop of any column", "read product.*",
                    "ALTER TABLE product DROP COLUMN note", Outcome.REFUSED),
            rule("drop of a table a live version uses", "read product.name", "DROP TABLE product", Outcome.REFUSED),
            rule("rename of a column a live version reads", "read product.rating",
                    "ALTER TABLE product RENAME COLUMN rating TO stars", Outcome.REFUSED),
            rule("rename of a table a live version uses", "read product.name",
                    "ALTER TABLE product RENAME TO products", Outcome.REFUSED),
            rule("type change of a column a live version reads", "read product.rating",
                    "ALTER TABLE product ALTER COLUMN rating TYPE text", Outcome.REFUSED),
            rule("widening an integer a live version reads", "read product.rating",
                    "ALTER TABLE product ALTER COLUMN rating TYPE bigint", Outcome.RUNS),
            rule("widening a varchar a live version reads", "read product.name",
                    "ALTER TABLE product ALTER COLUMN name TYPE varchar(80)", Outcome.RUNS),
            rule("narrowing a varchar a live version reads", "read product.name",
                    "ALTER TABLE product ALTER COLUMN name TYPE varchar(10)", Outcome.REFUSED),
            rule("NOT NULL on a column a live inserter omits", "write product.name",
                    "ALTER TABLE product ALTER COLUMN sku SET NOT NULL", Outcome.REFUSED),
            rule("NOT NULL on a column every live inserter supplies", "write product.name, write product.sku",
                    "ALTER TABLE product ALTER COLUMN sku SET NOT NULL", Outcome.RUNS),
            rule("new NOT NULL column without default while a version inserts", "write product.name",
                    "ALTER TABLE product ADD COLUMN origin VARCHAR(10) NOT NULL", Outcome.REFUSED),
            rule("dropping the default of a NOT NULL column a live inserter omits", "write product.name",
                    "ALTER TABLE product ALTER COLUMN active DROP DEFAULT", Outcome.REFUSED),
            rule("dropping the default of a nullable column", "write product.name",
                    "ALTER TABLE product ALTER COLUMN note DROP DEFAULT", Outcome.RUNS),
            rule("harmless DDL beside a live reader", "read product.*",
                    "CREATE INDEX product_rating ON product (rating)", Outcome.RUNS),
            rule("an override with a reason", "read product.rating",
                    "/* driftguard:allow reason=\"1.0 reads it only in a dead report\" */ ALTER TABLE product DROP COLUMN rating",
                    Outcome.RUNS),
            rule("an override without a reason", "read product.rating",
                    "/* driftguard:allow */ ALTER TABLE product DROP COLUMN rating", Outcome.REFUSED)
        ).map(Arguments::of);
    }

    private static final AtomicInteger NEXT = new AtomicInteger();

    abstract TestDatabase db();

    /** Runs {@code ddl} where this guard sees it; returns the refusal, or null when it ran. */
    abstract SQLException attempt(String ddl) throws SQLException;

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleOfTheTableHolds(Rule rule) throws SQLException {
        LiveVersions registry = new LiveVersions(db());
        registry.stopAll(); // the last rule's version: its table goes now
        db().execute("DROP TABLE IF EXISTS products", "DROP TABLE IF EXISTS product",
                "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, sku VARCHAR(20),"
                        + " note VARCHAR(20) DEFAULT 'none', active INT NOT NULL DEFAULT 1)");
        String app = "rules" + NEXT.incrementAndGet();
        registry.live(app, "1.0", "public", rule.uses.toArray(new String[0]));
        String before = schemaOfProduct();

        SQLException refusal = attempt(rule.ddl);

        if (rule.outcome == Outcome.REFUSED) {
            assertTrue(refusal != null, rule + ": ran, and was to be refused");
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains(app + " 1.0"), "the refusal names the version: " + refusal.getMessage());
            assertEquals(before, schemaOfProduct(), rule + ": a refused statement changes nothing");
        } else {
            assertEquals(null, refusal, rule + ": refused, and was to run");
            assertTrue(!before.equals(schemaOfProduct()), rule + ": the statement ran");
        }
    }

    /** The table's columns, types, nullability, defaults and indexes as the server describes them. */
    private String schemaOfProduct() throws SQLException {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT string_agg(c.table_name || '.' || c.column_name || ' '"
                     + " || c.data_type || coalesce(c.character_maximum_length::text, '') || ' ' || c.is_nullable || ' '"
                     + " || coalesce(c.column_default, ''), ', ' ORDER BY c.table_name, c.column_name)"
                     + " || ' / ' || coalesce((SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                     + " WHERE schemaname = 'public' AND tablename IN ('product', 'products')), '')"
                     + " FROM information_schema.columns c WHERE c.table_schema = 'public'"
                     + " AND c.table_name IN ('product', 'products')")) {
            rows.next();
            return String.valueOf(rows.getString(1));
        }
    }
}
