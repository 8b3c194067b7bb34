package dev.sqo.reconcile;

import dev.sqo.api.BurnRates;
import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.slo.AlertLevel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;

/**
 * The status of every objective as the operator's own metrics, for dashboards and for alerting on sqo itself:
 * attainment, target, remaining budget, burn rate per window and alert level, labelled namespace, service and
 * objective. A number the status does not have (no data) is no series at all, never a zero.
 */
final class ObjectiveGauges {

    private record Key(String namespace, String service, String objective, String metric, String window) {
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "sqo_objective_attainment_ratio", "Share of good events over the objective's window, after exclusions.",
            "sqo_objective_target_ratio", "The objective's target as a ratio.",
            "sqo_objective_error_budget_remaining_ratio", "Share of the window's error budget left; negative when overspent.",
            "sqo_objective_alert_level", "Multi-window burn-rate alert state: 0 None, 1 Ticket, 2 Page.",
            "sqo_objective_burn_rate", "Error-budget burn rate over the window (1 spends the budget exactly over the SLO window).");

    private final MeterRegistry registry;
    private final Map<Key, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final Map<Key, Gauge> gauges = new ConcurrentHashMap<>();

    ObjectiveGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void update(String namespace, String service, ServiceQualityStatus status) {
        Set<Key> present = new HashSet<>();
        for (ObjectiveStatus o : status.objectives == null ? List.<ObjectiveStatus>of() : status.objectives) {
            Map<Key, Double> numbers = new LinkedHashMap<>();
            numbers.put(key(namespace, service, o, "sqo_objective_attainment_ratio", ""), percent(o.attainment));
            numbers.put(key(namespace, service, o, "sqo_objective_target_ratio", ""), percent(o.target));
            numbers.put(key(namespace, service, o, "sqo_objective_error_budget_remaining_ratio", ""),
                    o.errorBudget == null ? null : o.errorBudget.remaining);
            numbers.put(key(namespace, service, o, "sqo_objective_alert_level", ""), alertLevel(o.alert));
            burnRates(o.burnRates).forEach((window, rate) -> numbers.put(key(namespace, service, o, "sqo_objective_burn_rate", window), rate));
            numbers.forEach((key, value) -> {
                if (value != null) {
                    present.add(key);
                    set(key, value);
                }
            });
        }
        removeWhere((ns, name) -> ns.equals(namespace) && name.equals(service), present);
    }

    /** Forgets a deleted ServiceQuality at once. */
    void forget(String namespace, String service) {
        removeWhere((ns, name) -> ns.equals(namespace) && name.equals(service), Set.of());
    }

    /** Forgets ServiceQualities that no longer exist, in case a deletion went by while the operator was down. */
    void forgetDeleted(BiPredicate<String, String> exists) {
        removeWhere((ns, name) -> !exists.test(ns, name), Set.of());
    }

    private void set(Key key, double value) {
        AtomicReference<Double> holder = values.computeIfAbsent(key, k -> new AtomicReference<>());
        holder.set(value);
        gauges.computeIfAbsent(key, k -> {
            Gauge.Builder<AtomicReference<Double>> builder = Gauge.builder(k.metric(), holder, AtomicReference::get)
                    .description(DESCRIPTIONS.get(k.metric()))
                    .tags("namespace", k.namespace(), "service", k.service(), "objective", k.objective());
            if (!k.window().isEmpty()) {
                builder.tag("window", k.window());
            }
            return builder.register(registry);
        });
    }

    private void removeWhere(BiPredicate<String, String> service, Set<Key> keep) {
        for (Key key : new ArrayList<>(gauges.keySet())) {
            if (service.test(key.namespace(), key.service()) && !keep.contains(key)) {
                registry.remove(gauges.remove(key));
                values.remove(key);
            }
        }
    }

    private static Key key(String namespace, String service, ObjectiveStatus o, String metric, String window) {
        return new Key(namespace, service, o.name, metric, window);
    }

    private static Double percent(Double value) {
        return value == null ? null : value / 100;
    }

    private static Double alertLevel(String alert) {
        for (AlertLevel level : AlertLevel.values()) {
            if (level.display().equals(alert)) {
                return (double) level.ordinal();
            }
        }
        return null;
    }

    private static Map<String, Double> burnRates(BurnRates b) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (b != null) {
            out.put("5m", b.m5);
            out.put("30m", b.m30);
            out.put("1h", b.h1);
            out.put("2h", b.h2);
            out.put("6h", b.h6);
            out.put("1d", b.d1);
            out.put("3d", b.d3);
        }
        out.values().removeIf(Objects::isNull);
        return out;
    }
}
