package dev.driftguard.internal.registry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * An application instance in its own JVM, for tests: connects through {@code jdbc:driftguard:}, runs the given
 * statements, prints {@code ready}, and exits normally when it reads {@code stop}.
 * Arguments: url user password app version heartbeatSeconds ttlSeconds sql…
 */
public final class InstanceMain {

    private InstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        properties.setProperty("password", args[2]);
        properties.setProperty("driftguard.app", args[3]);
        properties.setProperty("driftguard.version", args[4]);
        properties.setProperty("driftguard.heartbeat.seconds", args[5]);
        properties.setProperty("driftguard.ttl.seconds", args[6]);
        try (Connection connection = DriverManager.getConnection(args[0], properties);
             Statement statement = connection.createStatement()) {
            for (String sql : Arrays.copyOfRange(args, 7, args.length)) {
                statement.execute(sql);
            }
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stop")) {
                break;
            }
        }
        System.exit(0);
    }
}
