package dev.driftguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One database server the harness creates per-class databases on. */
final class Server {

    private final String description;
    private final String urlTemplate;
    private final String user;
    private final String password;
    private final String adminUrl;
    private final String createSql;
    private final String dropSql;

    /**
     * @param urlTemplate JDBC URL with {@code %s} where the database name goes
     * @param adminUrl URL of a database that exists, for CREATE and DROP; {@code null} when nothing needs creating
     * @param createSql CREATE statement with {@code %s} for the name
     * @param dropSql DROP statement with {@code %s} for the name; run on {@code adminUrl}, or on the database itself
     *                when {@code adminUrl} is {@code null}
     */
    Server(String description, String urlTemplate, String user, String password, String adminUrl,
           String createSql, String dropSql) {
        this.description = description;
        this.urlTemplate = urlTemplate;
        this.user = user;
        this.password = password == null ? "" : password;
        this.adminUrl = adminUrl;
        this.createSql = createSql;
        this.dropSql = dropSql;
    }

    String description() {
        return description;
    }

    String urlFor(String database) {
        return String.format(urlTemplate, database);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    void createDatabase(String name) throws SQLException {
        if (adminUrl != null) {
            run(adminUrl, String.format(createSql, name));
        }
    }

    void dropDatabase(String name) throws SQLException {
        run(adminUrl != null ? adminUrl : urlFor(name), String.format(dropSql, name));
    }

    private void run(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
