package dev.driftguard.agent;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application that knows nothing of driftguard, run in its own JVM by the agent tests:
 * {@code AgentSubject MODE URL USER PASSWORD}. It prints what it did, one line at a time.
 */
public final class AgentSubject {

    private AgentSubject() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String user = args[2];
        String password = args[3];
        switch (mode) {
            case "select":
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    selectNames(connection, 7);
                }
                break;
            case "hikari":
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                config.setUsername(user);
                config.setPassword(password);
                config.setMaximumPoolSize(2);
                try (HikariDataSource pool = new HikariDataSource(config)) {
                    for (int i = 0; i < 7; i++) {
                        try (Connection connection = pool.getConnection()) {
                            selectNames(connection, 1);
                        }
                    }
                }
                break;
            case "hold":
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT rating FROM product").close();
                    System.out.println("ready");
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                break;
            case "ddl":
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE product DROP COLUMN rating");
                    System.out.println("executed");
                } catch (SQLException e) {
                    System.out.println("refused " + e.getSQLState() + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
                break;
            case "unwrap":
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    System.out.println("unwrapped " + connection.unwrap(org.postgresql.PGConnection.class).getClass().getName());
                    System.out.println("wrapper " + connection.isWrapperFor(org.postgresql.PGConnection.class));
                }
                break;
            case "jsqlparser":
                Object parsed = Class.forName("net.sf.jsqlparser.parser.CCJSqlParserUtil")
                        .getMethod("parse", String.class).invoke(null, "SELECT name FROM product");
                System.out.println("parsed by " + parsed.getClass().getProtectionDomain().getCodeSource().getLocation());
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    selectNames(connection, 7);
                }
                break;
            default:
                throw new IllegalArgumentException(mode);
        }
        System.out.println("done");
    }

    private static void selectNames(Connection connection, int times) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < times; i++) {
                try (ResultSet rows = statement.executeQuery("SELECT name FROM product")) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
            }
        }
        System.out.println("selected " + times);
    }
}
