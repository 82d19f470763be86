package dev.driftguard.internal.guard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * A migration tool in its own JVM, for tests: runs each DDL argument through {@code jdbc:driftguard:} and prints
 * {@code ok} or {@code refused <SQLState>} per statement, stopping at the first refusal.
 * Arguments: url user password app version ddl…
 */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        properties.setProperty("password", args[2]);
        properties.setProperty("driftguard.app", args[3]);
        properties.setProperty("driftguard.version", args[4]);
        int exit = 0;
        try (Connection connection = DriverManager.getConnection(args[0], properties);
             Statement statement = connection.createStatement()) {
            for (String ddl : Arrays.copyOfRange(args, 5, args.length)) {
                try {
                    statement.execute(ddl);
                    System.out.println("ok");
                } catch (SQLException e) {
                    System.out.println("refused " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
                    exit = 3;
                    break;
                }
            }
        }
        System.exit(exit);
    }
}
