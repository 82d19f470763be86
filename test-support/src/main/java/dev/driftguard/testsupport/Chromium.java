package dev.driftguard.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) to check what a person would see of an HTML page: the DOM
 * after its scripts ran. {@code .ci/run} installs it; where it is missing, tests that need it are skipped.
 */
public final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Whether Chromium is installed here. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The serialised DOM of {@code page} once loaded and its scripts have run. */
    public static String renderedDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("driftguard-chromium");
        Path dom = Files.createTempFile("driftguard-dom", ".html");
        Process chromium = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()))
                .redirectOutput(dom.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not render " + page + " within 60 s");
        }
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        Files.delete(dom);
        return rendered;
    }
}
