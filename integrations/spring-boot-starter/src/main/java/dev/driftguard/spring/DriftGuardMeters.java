package dev.driftguard.spring;

import dev.driftguard.DriftGuard;
import dev.driftguard.DriftGuardStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Meters under {@code driftguard.}, summed over every application version and database of the process (one, in
 * almost every application); Spring Boot adds the application's common tags. Read from {@link DriftGuard#status()}
 * when scraped, never on the application's threads.
 */
final class DriftGuardMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("driftguard.shapes", this, sum(DriftGuardStatus::shapes))
                .description("Distinct statement shapes recorded").register(registry);
        Gauge.builder("driftguard.parse.queue", this, sum(DriftGuardStatus::parseQueue))
                .description("Shapes waiting for driftguard's parser thread").register(registry);
        FunctionCounter.builder("driftguard.parses.dropped", this, sum(DriftGuardStatus::droppedParses))
                .description("New shapes turned away by a full parser queue").register(registry);
        FunctionCounter.builder("driftguard.parses.unreadable", this, sum(DriftGuardStatus::unreadableShapes))
                .description("Shapes driftguard could not read").register(registry);
        TimeGauge.builder("driftguard.publication.lag", this, TimeUnit.MILLISECONDS,
                        max(status -> status.publicationLag().toMillis()))
                .description("How long the registry has not held every use seen").register(registry);
        FunctionCounter.builder("driftguard.registry.errors", this, sum(DriftGuardStatus::registryErrors))
                .description("Heartbeats and publications the registry did not complete").register(registry);
        FunctionCounter.builder("driftguard.guard.refusals", this, sum(DriftGuardStatus::refusals))
                .description("DDL statements refused (ZDG01) or undecided (ZDG02)").register(registry);
    }

    private static ToDoubleFunction<DriftGuardMeters> sum(ToDoubleFunction<DriftGuardStatus> of) {
        return meters -> DriftGuard.status().stream().mapToDouble(of).sum();
    }

    private static ToDoubleFunction<DriftGuardMeters> max(ToDoubleFunction<DriftGuardStatus> of) {
        return meters -> DriftGuard.status().stream().mapToDouble(of).max().orElse(0);
    }
}
