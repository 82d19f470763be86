package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.SqlParser;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each row of the design's guard table, in PostgreSQL and MariaDB/MySQL spelling, and what is not a hazard. */
class DdlAnalyzerTest {

    private final DdlAnalyzer postgres = new DdlAnalyzer(Dialect.POSTGRES, Catalog.NONE, new SqlParser(Dialect.POSTGRES, null, 0, false));
    private final DdlAnalyzer mysql = new DdlAnalyzer(Dialect.MYSQL, Catalog.NONE, new SqlParser(Dialect.MYSQL, null, 0, false));

    private static List<String> hazards(DdlAnalyzer analyzer, String sql) {
        DdlAnalysis analysis = analyzer.analyze(sql);
        assertEquals(List.of(), analysis.unanalysable(), sql);
        return analysis.hazards().stream().map(Hazard::toString).collect(Collectors.toList());
    }

    @Test
    void dropColumnIsAHazard() {
        assertEquals(List.of("drop column public.product.rating"),
                hazards(postgres, "ALTER TABLE product DROP COLUMN rating"));
    }

    @Test
    void ifExistsOnlyAndCascadeDoNotHideTheDrop() {
        assertEquals(List.of("drop column public.product.rating"),
                hazards(postgres, "ALTER TABLE IF EXISTS ONLY public.product DROP COLUMN IF EXISTS rating CASCADE"));
    }

    @Test
    void dropTableAndViewAreHazards() {
        assertEquals(List.of("drop table public.product", "drop table public.orders"),
                hazards(postgres, "DROP TABLE IF EXISTS product, orders CASCADE"));
        assertEquals(List.of("drop view public.v_product"), hazards(postgres, "DROP VIEW v_product"));
    }

    @Test
    void dropSchemaOrDatabaseIsAHazardForEveryTableInIt() {
        assertEquals(List.of("drop schema billing"), hazards(postgres, "DROP SCHEMA billing CASCADE"));
        assertEquals(List.of("drop schema shop"), hazards(mysql, "DROP DATABASE shop"));
    }

    @Test
    void renameColumnIsAHazard() {
        assertEquals(List.of("rename column public.auth_user.full_name to fullname"),
                hazards(postgres, "ALTER TABLE auth_user RENAME COLUMN full_name TO fullname"));
    }

    /** PostgreSQL renames views with ALTER VIEW as it does tables; the parser reads only the ALTER TABLE form. */
    @Test
    void renamingAViewOrItsColumnsIsAHazardLikeRenamingATable() {
        assertEquals(List.of("rename column public.product_summary.rating to stars"),
                hazards(postgres, "ALTER VIEW product_summary RENAME COLUMN rating TO stars"));
        assertEquals(List.of("rename table public.rating_totals to totals"),
                hazards(postgres, "ALTER MATERIALIZED VIEW IF EXISTS rating_totals RENAME TO totals"));
    }

    /** Callers of a function or procedure fail once it is gone or answers to another name. */
    @Test
    void droppingRenamingOrMovingARoutineIsAHazard() {
        assertEquals(List.of("drop routine public.avg_stars", "drop routine billing.total"),
                hazards(postgres, "DROP FUNCTION IF EXISTS avg_stars(integer), billing.total CASCADE"));
        assertEquals(List.of("drop routine public.recount"), hazards(postgres, "DROP PROCEDURE recount"));
        assertEquals(List.of("rename routine public.avg_stars to stars"),
                hazards(postgres, "ALTER FUNCTION avg_stars(integer, text) RENAME TO stars"));
        assertEquals(List.of("rename routine billing.total to archive"),
                hazards(postgres, "ALTER ROUTINE billing.total SET SCHEMA archive"));
        assertEquals(List.of(), hazards(postgres, "ALTER FUNCTION avg_stars() STABLE"), "callers keep working");
        assertEquals(List.of("drop routine shop.recount"), hazards(mysql, "DROP PROCEDURE IF EXISTS shop.recount"));
        assertEquals(List.of("drop trigger product_counted on billing.product"),
                hazards(postgres, "DROP TRIGGER IF EXISTS product_counted ON billing.product CASCADE"));
    }

    @Test
    void renameTableIsAHazardInBothSpellings() {
        assertEquals(List.of("rename table public.product to item"), hazards(postgres, "ALTER TABLE product RENAME TO item"));
        assertEquals(List.of("rename table product to item", "rename table orders to purchase"),
                hazards(mysql, "RENAME TABLE product TO item, orders TO purchase"));
    }

    @Test
    void typeChangeIsAHazardIncludingSetDataTypeAndUsing() {
        assertEquals(List.of("change the type of public.member.member_id to bigint"),
                hazards(postgres, "ALTER TABLE member ALTER COLUMN member_id TYPE bigint"));
        assertEquals(List.of("change the type of public.product.rating to numeric (10, 2)"),
                hazards(postgres, "ALTER TABLE product ALTER COLUMN rating SET DATA TYPE numeric(10,2) USING rating::numeric"));
    }

    @Test
    void mysqlChangeIsARenameAndATypeChange() {
        assertEquals(List.of("rename column auth_user.full_name to fullname",
                "change the type of auth_user.full_name to varchar (100)"),
                hazards(mysql, "ALTER TABLE `auth_user` CHANGE COLUMN `full_name` `fullname` varchar(100) NOT NULL"));
    }

    @Test
    void mysqlModifyIsATypeChange() {
        assertEquals(List.of("change the type of product.rating to BIGINT"), hazards(mysql, "ALTER TABLE product MODIFY rating BIGINT"));
    }

    @Test
    void notNullChangesAreHazardsForInserters() {
        assertEquals(List.of("set NOT NULL on public.product.sku"),
                hazards(postgres, "ALTER TABLE product ALTER COLUMN sku SET NOT NULL"));
        assertEquals(List.of("add NOT NULL column without default public.product.origin"),
                hazards(postgres, "ALTER TABLE product ADD COLUMN origin text NOT NULL"));
        assertEquals(List.of("drop the default of public.product.active"),
                hazards(postgres, "ALTER TABLE product ALTER COLUMN active DROP DEFAULT"));
    }

    @Test
    void severalActionsOfOneAlterAreEachAnalysed() {
        assertEquals(List.of("drop column public.product.b", "change the type of public.product.c to text"),
                hazards(postgres, "ALTER TABLE product ADD COLUMN a int, DROP COLUMN b, ALTER COLUMN c TYPE text"));
    }

    @Test
    void everyStatementOfAScriptIsAnalysed() {
        assertEquals(List.of("drop column public.product.rating", "drop table public.audit_log"), hazards(postgres,
                "CREATE TABLE x (id int);\nALTER TABLE product DROP COLUMN rating;\n-- cleanup\nDROP TABLE audit_log;"));
    }

    @Test
    void harmlessDdlHasNoHazard() {
        for (String sql : new String[] {"CREATE TABLE t (id int)", "ALTER TABLE product ADD COLUMN note text",
            "ALTER TABLE product ADD COLUMN sku2 text NOT NULL DEFAULT 'x'", "CREATE INDEX i ON product (rating)",
            "ALTER TABLE product ADD CONSTRAINT fk FOREIGN KEY (category_id) REFERENCES category (id)",
            "ALTER TABLE product ALTER COLUMN rating DROP NOT NULL", "ALTER TABLE product ALTER COLUMN rating SET DEFAULT 0",
            "DROP INDEX i", "COMMENT ON COLUMN product.rating IS 'stars'", "SELECT 1"}) {
            assertEquals(List.of(), hazards(postgres, sql), sql);
        }
    }

    @Test
    void quotedNamesKeepTheirSpelling() {
        assertEquals(List.of("drop column public.Product.Rating"), hazards(postgres, "ALTER TABLE \"Product\" DROP COLUMN \"Rating\""));
    }

    @Test
    void ddlThatMayDropButCannotBeParsedIsUnanalysable() {
        DdlAnalysis analysis = postgres.analyze("ALTER TABLE product DROP COLUMN rating RESTRICT ((");
        assertTrue(analysis.hazards().isEmpty());
        assertEquals(1, analysis.unanalysable().size());
    }

    @Test
    void actionTheParserKeepsAsTextIsUnanalysableWhenItCouldRetype() {
        DdlAnalysis analysis = postgres.analyze("ALTER TABLE product FROBNICATE COLUMN rating TYPE bigint");
        assertEquals(1, analysis.unanalysable().size());
        assertTrue(postgres.analyze("ALTER TABLE product OWNER TO shop").unanalysable().isEmpty());
    }

    @Test
    void unreadableDdlThatCannotDropIsNotUnanalysable() {
        assertTrue(postgres.analyze("CREATE FROBNICATOR x").unanalysable().isEmpty());
    }
}
