package dev.driftguard.sample;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The REST endpoint every release has: list and add. A release maps it with {@code @RequestMapping}. */
public abstract class ReleaseApi<T> {

    private final JpaRepository<T, Long> repository;

    protected ReleaseApi(JpaRepository<T, Long> repository) {
        this.repository = repository;
    }

    @GetMapping
    List<T> all() {
        return repository.findAll();
    }

    @PostMapping
    T add(@RequestBody T entity) {
        return repository.save(entity);
    }
}
