package dev.sqo.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** sqo_actions_total: every action sqo took or tried, by namespace, kind and result, in the operator's own metrics. */
public final class ActionCounter {

    private final MeterRegistry registry;

    public ActionCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String namespace, String kind, String result) {
        Counter.builder("sqo_actions").description("Actions sqo took on workloads, by kind and result (Applied or Failed).")
                .tag("namespace", namespace).tag("kind", kind).tag("result", result).register(registry).increment();
    }
}
