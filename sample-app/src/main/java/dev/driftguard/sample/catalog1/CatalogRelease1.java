package dev.driftguard.sample.catalog1;

import dev.driftguard.sample.ReleaseApi;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.util.List;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Catalog release 1: lists and adds items, and once a month exports the clearance — the items on discount. That
 * export is the one path that reads {@code item.discount}, and production may not have run it yet.
 */
@Configuration
@EntityScan(basePackageClasses = CatalogRelease1.class)
@EnableJpaRepositories(basePackageClasses = CatalogRelease1.class, considerNestedRepositories = true)
@Import(CatalogRelease1.Api.class)
public class CatalogRelease1 {

    /** An item; the discount is read by the clearance export only. */
    @Entity(name = "Item")
    public static class Item {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
    }

    /** Items in the database. */
    public interface Items extends JpaRepository<Item, Long> {
        /** The month's clearance. */
        @Query(value = "SELECT i.id, i.name FROM item i WHERE i.discount > 0", nativeQuery = true)
        List<Item> onClearance();
    }

    /** {@code GET /items}, {@code POST /items}, and the monthly {@code GET /items/clearance}. */
    @RestController
    @RequestMapping("/items")
    public static class Api extends ReleaseApi<Item> {
        private final Items items;

        Api(Items items) {
            super(items);
            this.items = items;
        }

        @GetMapping("/clearance")
        List<Item> clearance() {
            return items.onClearance();
        }
    }
}
