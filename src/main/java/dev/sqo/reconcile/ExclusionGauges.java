package dev.sqo.reconcile;

import dev.sqo.api.Exclusion;
import dev.sqo.api.ServiceQuality;
import dev.sqo.rules.SloRuleGenerator;
import dev.sqo.slo.ExclusionSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exports sqo_exclusion_active{sqo_namespace, sqo_service, exclusion}: 1 while a maintenance window is active.
 * The generated burn-rate alerts are muted by it, so Prometheus must scrape the operator for muting to work.
 */
final class ExclusionGauges {

    private final MeterRegistry registry;
    private final Map<List<String>, AtomicInteger> values = new ConcurrentHashMap<>();

    ExclusionGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void update(ServiceQuality sq, Instant now) {
        if (sq.getSpec().exclusions == null || sq.getSpec().exclusions.isEmpty()) {
            return;
        }
        ExclusionSchedule schedule = new ExclusionSchedule(sq.getSpec().exclusions.stream().map(Exclusion::toWindow).toList());
        List<String> active = schedule.activeAt(now);
        for (Exclusion e : sq.getSpec().exclusions) {
            List<String> key = List.of(sq.getMetadata().getNamespace(), sq.getMetadata().getName(), e.name);
            values.computeIfAbsent(key, k -> {
                AtomicInteger value = new AtomicInteger();
                Gauge.builder(SloRuleGenerator.EXCLUSION_ACTIVE, value, AtomicInteger::get)
                        .description("1 while a maintenance window of a ServiceQuality is active; mutes its burn-rate alerts")
                        .tags("sqo_namespace", k.get(0), "sqo_service", k.get(1), "exclusion", k.get(2))
                        .register(registry);
                return value;
            }).set(active.contains(e.name) ? 1 : 0);
        }
    }
}
