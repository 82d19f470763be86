package dev.driftguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every corpus statement must be found to use exactly the columns written down for it, resolved against the real
 * catalog of a database holding the corpus schema. The last test sums precision and recall over the corpus and
 * writes them to {@code target/corpus-report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CorpusContract {

    abstract TestDatabase db();

    abstract Dialect dialect();

    abstract String schemaFile();

    abstract String[] corpusFiles();

    abstract String defaultSchema();

    private SqlAnalyzer analyzer;

    @BeforeAll
    void createSchema() throws IOException, SQLException {
        String schema = Corpus.read("corpus/" + schemaFile());
        db().execute(dialect().lexer().split(schema).toArray(new String[0]));
        analyzer = new SqlAnalyzer(dialect(), new JdbcCatalog(db()::connect, dialect()), null, 0, true);
    }

    @TestFactory
    Stream<DynamicTest> eachStatementUsesExactlyItsExpectedColumns() throws IOException {
        List<Corpus.Case> cases = Corpus.load(corpusFiles());
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus.Case each : cases) {
            tests.add(DynamicTest.dynamicTest(each.toString(), () -> {
                StatementUsage usage = analyzer.analyze(each.sql);
                assertNull(usage.error(), () -> "parse error: " + usage.error());
                assertEquals(new TreeSet<>(each.expectedUses(defaultSchema())), actual(usage), each.sql);
            }));
        }
        tests.add(DynamicTest.dynamicTest("precision and recall over " + cases.size() + " statements",
                () -> precisionAndRecall(cases)));
        return tests.stream();
    }

    private static Set<String> actual(StatementUsage usage) {
        return usage.columns().stream().map(ColumnUse::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private void precisionAndRecall(List<Corpus.Case> cases) throws IOException {
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        long errors = 0;
        for (Corpus.Case each : cases) {
            StatementUsage usage = analyzer.analyze(each.sql);
            if (usage.error() != null) {
                errors++;
            }
            Set<String> expected = each.expectedUses(defaultSchema());
            Set<String> found = actual(usage);
            for (String use : found) {
                if (expected.contains(use)) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
            for (String use : expected) {
                if (!found.contains(use)) {
                    falseNegatives++;
                }
            }
        }
        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        String line = String.format("%-8s %4d statements, %5d expected uses: precision %.4f, recall %.4f, parse errors %d%n",
                dialect().name().toLowerCase(), cases.size(), truePositives + falseNegatives, precision, recall, errors);
        Path report = Path.of("target", "corpus-report.txt");
        Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(line);
        assertEquals(0, errors, line);
        assertEquals(1.0, recall, line);
        assertTrue(precision >= 0.98, line);
    }
}
