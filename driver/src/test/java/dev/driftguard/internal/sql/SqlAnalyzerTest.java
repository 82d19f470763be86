package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviours of the analysis that the corpus does not pin down: kinds, routines, ambiguity, failures. */
class SqlAnalyzerTest {

    private final SqlAnalyzer postgres = new SqlAnalyzer(Dialect.POSTGRES, Catalog.NONE, null, 0, false);

    @Test
    void kindFollowsTheStatement() {
        assertEquals(StatementKind.SELECT, postgres.analyze("SELECT a FROM t").kind());
        assertEquals(StatementKind.INSERT, postgres.analyze("INSERT INTO t (a) VALUES (1)").kind());
        assertEquals(StatementKind.UPDATE, postgres.analyze("UPDATE t SET a = 1").kind());
        assertEquals(StatementKind.DELETE, postgres.analyze("DELETE FROM t").kind());
        assertEquals(StatementKind.MERGE, postgres.analyze("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").kind());
        assertEquals(StatementKind.DDL, postgres.analyze("ALTER TABLE t DROP COLUMN a").kind());
        assertEquals(StatementKind.OTHER, postgres.analyze("SET search_path TO public").kind());
    }

    @Test
    void callsRecordTheRoutine() {
        assertEquals(Set.of("archive"), postgres.analyze("CALL archive(?)").routines());
        assertEquals(Set.of("refresh_stats"), postgres.analyze("{call refresh_stats(?)}").routines());
        assertEquals(Set.of("total_for"), postgres.analyze("{? = call total_for(?)}").routines());
    }

    @Test
    void unqualifiedColumnOfAJoinWithoutCatalogGoesToEveryCandidateAndIsAmbiguous() {
        StatementUsage usage = postgres.analyze("SELECT score FROM product p JOIN review r ON r.product_id = p.id");
        assertTrue(usage.ambiguous());
        assertTrue(usage.columns().contains(new ColumnUse("public", "product", "score", Access.READ)));
        assertTrue(usage.columns().contains(new ColumnUse("public", "review", "score", Access.READ)));
    }

    @Test
    void unqualifiedColumnOfASingleTableIsNotAmbiguous() {
        assertFalse(postgres.analyze("SELECT score FROM review WHERE id = ?").ambiguous());
    }

    @Test
    void cteNamedLikeATableHidesItOnlyInsideItsStatement() {
        StatementUsage usage = postgres.analyze(
                "SELECT (WITH product AS (SELECT 1 AS id) SELECT id FROM product), name FROM product");
        assertEquals(Set.of(new ColumnUse("public", "product", "name", Access.READ)), usage.columns());
    }

    @Test
    void identifiersAreFoldedAsTheDatabaseFoldsThem() {
        assertEquals(Set.of(new ColumnUse("public", "product", "name", Access.READ)),
                postgres.analyze("SELECT NAME FROM Product").columns());
        SqlAnalyzer h2 = new SqlAnalyzer(Dialect.H2, Catalog.NONE, null, 0, false);
        assertEquals(Set.of(new ColumnUse("PUBLIC", "PRODUCT", "NAME", Access.READ)),
                h2.analyze("SELECT name FROM product").columns());
        assertEquals(Set.of(new ColumnUse("public", "Product", "Name", Access.READ)),
                postgres.analyze("SELECT \"Name\" FROM \"Product\"").columns());
    }

    @Test
    void qualifiedAndUnqualifiedNamesOfOneTableAreTheSame() {
        assertEquals(postgres.analyze("SELECT name FROM product").columns(),
                postgres.analyze("SELECT public.product.name FROM public.product").columns());
    }

    @Test
    void errorsDoNotQuoteTheStatementUnlessAskedTo() {
        StatementUsage usage = postgres.analyze("SELECT 'secret-4711' FROMM t");
        assertNotNull(usage.error());
        assertFalse(usage.error().contains("4711"), usage.error());
    }

    @Test
    void h2MergeWithKeyIsReportedAsUnparseableNotThrown() {
        SqlAnalyzer h2 = new SqlAnalyzer(Dialect.H2, Catalog.NONE, null, 0, false);
        StatementUsage usage = h2.analyze("MERGE INTO tag KEY (id) VALUES (?, ?)");
        assertNotNull(usage.error());
        assertTrue(usage.columns().isEmpty());
    }

    @Test
    void multiStatementTextMergesTheUsageOfEachStatement() {
        StatementUsage usage = postgres.analyze("SELECT a FROM t; UPDATE u SET b = 1");
        assertNull(usage.error());
        assertEquals(2, usage.columns().size());
    }
}
