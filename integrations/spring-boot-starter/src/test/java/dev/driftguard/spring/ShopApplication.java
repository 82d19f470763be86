package dev.driftguard.spring;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The smallest Spring Boot application with a DataSource: what the starter's users have, with no driftguard
 * configuration beyond the properties each test names.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ShopApplication {

    /** A database of its own with the shop's one table, one row: {@code product (id, name, rating)}. */
    static TestDatabase database() {
        return TestDatabase.postgres().withSetUp("CREATE TABLE product (id int PRIMARY KEY, name text, rating int)",
                "INSERT INTO product VALUES (1, 'lamp', 4)");
    }

    /** Starts the application against {@code db} with a plain vendor URL and {@code properties} (key=value, last wins). */
    static ConfigurableApplicationContext start(TestDatabase db, Class<?>[] sources, String... properties) {
        return start(db, WebApplicationType.NONE, sources, properties);
    }

    /** Starts it as a web application on a free port, with {@code /actuator/driftguard} and health exposed. */
    static ConfigurableApplicationContext startWeb(TestDatabase db, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0",
                "management.endpoints.web.exposure.include=driftguard,health",
                "management.endpoint.health.show-details=always"));
        all.addAll(List.of(properties));
        return start(db, WebApplicationType.SERVLET, new Class<?>[] {ShopApplication.class}, all.toArray(new String[0]));
    }

    /** What {@code GET path} on a started web application answers: its status line code, then its body. */
    static String get(ConfigurableApplicationContext application, String path) throws IOException, InterruptedException {
        String port = application.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static ConfigurableApplicationContext start(TestDatabase db, WebApplicationType web, Class<?>[] sources,
                                                        String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "spring.main.banner-mode=off",
                // a test that migrates says so; the others have no migrations to run
                "spring.flyway.enabled=false",
                "spring.liquibase.enabled=false"));
        all.addAll(List.of(properties));
        SpringApplication application = new SpringApplicationBuilder(sources)
                .web(web)
                .properties(all.toArray(new String[0]))
                .build();
        return application.run();
    }

    static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        return start(db, new Class<?>[] {ShopApplication.class}, properties);
    }

    /** Waits until the registry's live view shows {@code app version} using {@code product.column}. */
    static void awaitLiveUse(TestDatabase db, String app, String version, String column) {
        Await.until(app + " " + version + " in live_usage with product." + column, Duration.ofSeconds(30),
                () -> count(db, "SELECT count(*) FROM driftguard.live_usage WHERE app = ? AND version = ?"
                        + " AND table_name = 'product' AND column_name = ?", app, version, column) > 0);
    }

    /** The count, or -1 while the registry does not exist yet. */
    static long count(TestDatabase db, String sql, String... parameters) {
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException notYet) {
            return -1;
        }
    }

    /** The ZDG01 refusal among the causes of a failed start-up, or null. */
    static java.sql.SQLException refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException && "ZDG01".equals(((java.sql.SQLException) cause).getSQLState())) {
                return (java.sql.SQLException) cause;
            }
        }
        return null;
    }

    /** Whether {@code db}'s {@code table} has {@code column}. */
    static boolean columnExists(TestDatabase db, String table, String column) {
        return count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                table, column) == 1;
    }
}
