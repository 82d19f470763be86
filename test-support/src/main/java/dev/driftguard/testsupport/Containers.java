package dev.driftguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Testcontainers, used only when a Docker engine answers; kept apart so its classes load only then. */
final class Containers {

    private Containers() {
    }

    static Server postgres(List<String> tried) {
        if (!dockerAnswers(tried)) {
            return null;
        }
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        return Servers.postgresAt("PostgreSQL in Testcontainers (" + container.getDockerImageName() + ")",
                container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    static Server mariadb(List<String> tried) {
        if (!dockerAnswers(tried)) {
            return null;
        }
        MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root");
        container.start();
        return Servers.mariaDbAt("MariaDB in Testcontainers (" + container.getDockerImageName() + ")",
                container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /** Asks Testcontainers only when some Docker endpoint is configured: its own search is slow and noisy. */
    private static boolean dockerAnswers(List<String> tried) {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            tried.add("no Docker engine for Testcontainers (no DOCKER_HOST, no /var/run/docker.sock)");
            return false;
        }
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return true;
            }
            tried.add("Testcontainers found no working Docker engine");
        } catch (RuntimeException e) {
            tried.add("Testcontainers failed: " + e.getMessage());
        }
        return false;
    }
}
