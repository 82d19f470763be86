package dev.driftguard.sample;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL the demo runs on: an embedded one (nothing to install), or a fresh database on a server the user
 * names with {@code --url}, dropped afterwards unless it is to be kept for a look at the registry.
 */
final class DemoDatabase implements AutoCloseable {

    final String host;
    final int port;
    final String name;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;
    /** The server's database the demo's own was created from; null for the embedded server. */
    private final String adminUrl;
    private final boolean keep;

    private DemoDatabase(String host, int port, String name, String user, String password, EmbeddedPostgres embedded,
                         String adminUrl, boolean keep) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.keep = keep;
    }

    /** An embedded PostgreSQL with a database {@code name}. */
    static DemoDatabase embedded(String name) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        DemoDatabase database = new DemoDatabase("127.0.0.1", postgres.getPort(), name, "postgres", "", postgres, null,
                false);
        database.create("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        return database;
    }

    /** A new database named after {@code prefix} on the server {@code url} reaches; dropped on close unless kept. */
    static DemoDatabase on(String url, String user, String password, String prefix, boolean keep) throws SQLException {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--url must be a PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String name = prefix + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        DemoDatabase database = new DemoDatabase(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), name,
                user, password == null ? "" : password, null, url, keep);
        database.create(url);
        return database;
    }

    /**
     * Another new database on the same server, named after this one: what a release's test suite runs against.
     * Dropped on close (before the server stops: close it first).
     */
    DemoDatabase sibling(String suffix) throws SQLException {
        String admin = adminUrl != null ? adminUrl : "jdbc:postgresql://" + host + ":" + port + "/postgres";
        DemoDatabase sibling = new DemoDatabase(host, port, name + "_" + suffix, user, password, null, admin, false);
        sibling.create(admin);
        return sibling;
    }

    private void create(String adminUrl) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, credentials());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** The plain URL of the demo's database. */
    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    /** What the user should know about where the demo runs. */
    String description() {
        return embedded != null ? "An embedded PostgreSQL is running (nothing to install)."
                : "Using the new database " + url() + (keep ? " (kept afterwards)." : " (dropped afterwards; --keep keeps it).");
    }

    /** Stops the embedded server, or drops the demo's database unless it is to be kept. */
    @Override
    public void close() throws IOException, SQLException {
        if (embedded != null) {
            embedded.close();
        } else if (!keep) {
            try (Connection admin = DriverManager.getConnection(adminUrl, credentials());
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }
}
