package dev.driftguard.sample.shop1;

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

/** Shop release 1: products have a rating, which it reads and writes. */
@Configuration
@EntityScan(basePackageClasses = ShopRelease1.class)
@EnableJpaRepositories(basePackageClasses = ShopRelease1.class, considerNestedRepositories = true)
@Import(ShopRelease1.Api.class)
public class ShopRelease1 {

    /** A product with a rating. */
    @Entity(name = "Product")
    public static class Product {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
        public Integer rating;
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
