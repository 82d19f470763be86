package dev.driftguard.sample;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * One release of a sample application: Spring Boot, Spring Data JPA on Hibernate, Flyway, a small REST API, and
 * the datasource {@code jdbc:driftguard:postgresql://…} from {@code application.properties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SampleApplication {

    /** Serves {@code release} until the process is stopped; Spring's own arguments may follow. */
    static void serve(Release release, String[] springArguments) {
        // A real build names itself in its manifest; the releases here share one jar, so they say it here.
        System.setProperty("driftguard.app", System.getProperty("driftguard.app", release.app));
        System.setProperty("driftguard.version", System.getProperty("driftguard.version", release.version));
        SpringApplication application = new SpringApplication(SampleApplication.class, release.code);
        application.setDefaultProperties(Map.of(
                "spring.flyway.locations", "classpath:" + String.join(",classpath:", release.migrations),
                "spring.application.name", release.app));
        application.run(springArguments);
    }
}
