package dev.driftguard.spring;

import dev.driftguard.testsupport.TestDatabase;
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

    /** Starts the application against {@code db} with a plain vendor URL and {@code properties} (key=value, last wins). */
    static ConfigurableApplicationContext start(TestDatabase db, Class<?>[] sources, String... properties) {
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
                .web(WebApplicationType.NONE)
                .properties(all.toArray(new String[0]))
                .build();
        return application.run();
    }

    static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        return start(db, new Class<?>[] {ShopApplication.class}, properties);
    }
}
