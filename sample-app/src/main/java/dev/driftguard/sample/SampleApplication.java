package dev.driftguard.sample;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * One release of a sample application: Spring Boot, Spring Data JPA on Hibernate, Flyway, a small REST API, and a
 * plain PostgreSQL datasource from {@code application.properties}. driftguard comes with its Spring Boot starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SampleApplication {

    /** Serves {@code release} until the process is stopped; Spring's own arguments may follow. */
    static void serve(Release release, String[] springArguments) {
        SpringApplication application = new SpringApplication(SampleApplication.class, release.code);
        // A real build gets its version from build-info; the releases here share one jar, so they say it here.
        application.setDefaultProperties(Map.of(
                "spring.flyway.locations", "classpath:" + String.join(",classpath:", release.migrations),
                "spring.application.name", release.app,
                "driftguard.version", release.version));
        application.run(springArguments);
    }
}
