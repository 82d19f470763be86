package dev.driftguard.sample.catalog2;

import dev.driftguard.sample.ReleaseApi;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Catalog release 2: the clearance export is gone, and with it every use of the discount. */
@Configuration
@EntityScan(basePackageClasses = CatalogRelease2.class)
@EnableJpaRepositories(basePackageClasses = CatalogRelease2.class, considerNestedRepositories = true)
@Import(CatalogRelease2.Api.class)
public class CatalogRelease2 {

    /** An item. */
    @Entity(name = "Item")
    public static class Item {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
    }

    /** Items in the database. */
    public interface Items extends JpaRepository<Item, Long> {
    }

    /** {@code GET /items}, {@code POST /items}. */
    @RestController
    @RequestMapping("/items")
    public static class Api extends ReleaseApi<Item> {
        Api(Items items) {
            super(items);
        }
    }
}
