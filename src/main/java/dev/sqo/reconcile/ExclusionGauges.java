package dev.sqo.reconcile;

import dev.sqo.api.Exclusion;
import dev.sqo.api.ServiceQuality;
import dev.sqo.rules.SloRuleGenerator;
import dev.sqo.slo.ExclusionSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports sqo_exclusion_active{sqo_namespace, sqo_service, exclusion}: 1 while a maintenance window is active,
 * worked out when Prometheus scrapes, not when the resource was last reconciled. The generated burn-rate alerts
 * are muted by it, so Prometheus must scrape the operator for muting to work.
 */
final class ExclusionGauges {

    /**
     * Muting starts this much before a window opens: the scrape and the rule evaluation that carry the value to the
     * alerts take up to a minute each, and a full outage pages within one.
     */
    static final Duration LEAD = Duration.ofMinutes(2);

    private record Key(String namespace, String name) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Key, ExclusionSchedule> schedules = new ConcurrentHashMap<>();
    private final Map<List<String>, Gauge> gauges = new ConcurrentHashMap<>();

    ExclusionGauges(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void update(ServiceQuality sq) {
        Key key = new Key(sq.getMetadata().getNamespace(), sq.getMetadata().getName());
        List<Exclusion> exclusions = sq.getSpec().exclusions == null ? List.of() : sq.getSpec().exclusions;
        if (exclusions.isEmpty()) {
            schedules.remove(key);
        } else {
            schedules.put(key, sq.getSpec().exclusionSchedule());
        }
        Set<String> names = exclusions.stream().map(e -> e.name).collect(java.util.stream.Collectors.toSet());
        for (String name : names) {
            gauges.computeIfAbsent(List.of(key.namespace(), key.name(), name), k ->
                    Gauge.builder(SloRuleGenerator.EXCLUSION_ACTIVE, () -> active(key, name))
                            .description("1 while a maintenance window of a ServiceQuality is active; mutes its burn-rate alerts")
                            .tags("sqo_namespace", key.namespace(), "sqo_service", key.name(), "exclusion", name)
                            .register(registry));
        }
        removeWhere(k -> k.get(0).equals(key.namespace()) && k.get(1).equals(key.name()) && !names.contains(k.get(2)));
    }

    /**
     * Forgets ServiceQualities that no longer exist, so that a deleted one cannot mute anything. Looks only at the
     * few that have maintenance windows, not at every resource.
     */
    void forgetDeleted(BiPredicate<String, String> exists) {
        schedules.keySet().removeIf(k -> !exists.test(k.namespace(), k.name()));
        removeWhere(k -> !schedules.containsKey(new Key(k.get(0), k.get(1))));
    }

    private int active(Key key, String name) {
        ExclusionSchedule schedule = schedules.get(key);
        if (schedule == null) {
            return 0;
        }
        Instant now = clock.instant();
        return schedule.activeAt(now).contains(name) || schedule.activeAt(now.plus(LEAD)).contains(name) ? 1 : 0;
    }

    private void removeWhere(java.util.function.Predicate<List<String>> which) {
        gauges.entrySet().removeIf(e -> {
            if (which.test(e.getKey())) {
                registry.remove(e.getValue());
                return true;
            }
            return false;
        });
    }
}
