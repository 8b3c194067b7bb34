package dev.sqo.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/**
 * {@code sqo_reconcile_duration_seconds{controller, outcome}}: how long each reconcile took, and whether it ended
 * in an error (an exception the reconciler did not turn into a condition; the SDK retries those with backoff).
 */
final class ReconcileTimer {

    private final MeterRegistry registry;
    private final String controller;

    ReconcileTimer(MeterRegistry registry, String controller) {
        this.registry = registry;
        this.controller = controller;
    }

    <T> T time(Supplier<T> reconcile) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = reconcile.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder("sqo_reconcile_duration").description("Reconciles, by controller and outcome (success or error).")
                    .tags("controller", controller, "outcome", outcome).register(registry));
        }
    }
}
