package dev.driftguard.sample.shop2;

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

/** Shop release 2 (and 3): the rating is gone from the code; the column is still in the database. */
@Configuration
@EntityScan(basePackageClasses = ShopRelease2.class)
@EnableJpaRepositories(basePackageClasses = ShopRelease2.class, considerNestedRepositories = true)
@Import(ShopRelease2.Api.class)
public class ShopRelease2 {

    /** A product; release 2 no longer maps the rating. */
    @Entity(name = "Product")
    public static class Product {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
    }

    /** Products in the database. */
    public interface Products extends JpaRepository<Product, Long> {
    }

    /** {@code GET /products}, {@code POST /products}. */
    @RestController
    @RequestMapping("/products")
    public static class Api extends ReleaseApi<Product> {
        Api(Products products) {
            super(products);
        }
    }
}
