package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is and is not a manifest; nothing a rejected file holds is repeated. */
class ManifestTest {

    private static final String MARKER = "SECRET-4711";

    @TempDir
    Path dir;

    private static final String GOOD = "{\"format\":1,\"app\":\"shop\",\"version\":\"3.0.0\",\"database\":\"shop_test\","
            + "\"statement_shapes\":2,\"columns\":[{\"schema\":\"shop_test\",\"table\":\"product\",\"column\":\"rating\","
            + "\"access\":\"read\"},{\"schema\":\"\",\"table\":\"avg_stars\",\"column\":\"\",\"access\":\"call\","
            + "\"via\":\"view shop_test.v\"}],\"via\":[\"view shop_test.v\"],\"written_by_a_later_1_x\":true}";

    @Test
    void aManifestIsReadWithEveryUseAndUnknownFieldsAreLeftAlone() throws Exception {
        Manifest manifest = Manifest.read(Files.writeString(dir.resolve("m.json"), GOOD));
        assertEquals("shop 3.0.0", manifest.versionName());
        assertEquals("shop_test", manifest.database);
        assertEquals("[call .avg_stars. via view shop_test.v, read shop_test.product.rating]", manifest.uses.toString());
    }

    @Test
    void onMariaDbTheTestDatabaseBecomesTheDeclaredOneAndNowhereElse() throws Exception {
        Manifest manifest = Manifest.read(Files.writeString(dir.resolve("m.json"), GOOD));
        assertEquals("[call .avg_stars. via view shop_test.v, read shop.product.rating]",
                manifest.usesIn(Dialect.MYSQL, "shop").toString());
        assertEquals(manifest.uses, manifest.usesIn(Dialect.POSTGRES, "shop"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|it is empty",
        "{\"format\":1,\"app\":\"SECRET-4711\"|it is not valid JSON (line 1",
        "SECRET-4711|it is not valid JSON (line 1, column",
        "[\"SECRET-4711\"]|it is not a JSON object",
        "{\"name\":\"SECRET-4711\"}|it has no \"format\"",
        "{\"format\":2,\"app\":\"SECRET-4711\"}|its \"format\" is not 1",
        "{\"format\":\"1\"}|its \"format\" is not 1",
        "{\"format\":1,\"version\":\"1\",\"columns\":[]}|its \"app\" is missing",
        "{\"format\":1,\"app\":\"\",\"version\":\"1\",\"columns\":[]}|its \"app\" is not a non-empty string",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\"}|it has no \"columns\" list",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\",\"columns\":[7]}|columns[0] is not an object",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\",\"columns\":[{\"schema\":\"s\",\"table\":\"t\",\"column\":\"c\","
                + "\"access\":\"SECRET-4711\"}]}|columns[0]: \"access\" is not read, write or call",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\",\"columns\":[{\"schema\":\"s\",\"column\":\"c\","
                + "\"access\":\"read\"}]}|columns[0]: \"table\" is missing",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\",\"columns\":[{\"schema\":\"s\",\"table\":\"\",\"column\":\"c\","
                + "\"access\":\"read\"}]}|columns[0]: \"table\" is empty",
        "{\"format\":1,\"format\":1,\"app\":\"a\"}|it is not valid JSON",
        "{\"format\":1,\"app\":\"a\",\"version\":\"1\",\"columns\":[]} {\"SECRET-4711\":1}|more follows its JSON object",
    })
    void aFileThatIsNoManifestIsNamedWithWhatIsWrongAndNothingItHolds(String text, String why) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), text);
        UsageException error = assertThrows(UsageException.class, () -> Manifest.read(file));
        assertTrue(error.getMessage().startsWith(file + " is not a driftguard manifest: " + why), error.getMessage());
        assertTrue(error.getMessage().contains("docs/manifests.md"), error.getMessage());
        assertFalse(error.getMessage().contains(MARKER), error.getMessage());
    }

    @Test
    void aBinaryFileIsNoManifestEither() throws Exception {
        Path file = Files.write(dir.resolve("image.json"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        UsageException error = assertThrows(UsageException.class, () -> Manifest.read(file));
        assertTrue(error.getMessage().contains("is not a driftguard manifest: it is not valid JSON"), error.getMessage());
    }
}
