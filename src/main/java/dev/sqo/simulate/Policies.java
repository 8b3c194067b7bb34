package dev.sqo.simulate;

import dev.sqo.api.Optimization;
import dev.sqo.api.ReplicaBounds;

import java.util.List;

/** The policies a scenario can compare, by name. */
public final class Policies {

    public static final List<String> NAMES = List.of("sqo", "hpa-cpu-70", "static", "oracle");
    /** Without replica bounds in the ServiceQuality, HPA and oracle scale within 1..this. */
    static final int DEFAULT_MAX = 100;

    private Policies() {
    }

    /** Whether the name is one of the policies: the four names, or hpa-cpu- with a target from 1 to 99. */
    public static boolean valid(String name) {
        return NAMES.contains(name) || name.matches("hpa-cpu-[1-9][0-9]?");
    }

    static ReplicaPolicy of(String name, Scenario scenario) {
        Optimization o = scenario.serviceQuality().getSpec().optimizationOrDefault();
        ReplicaBounds bounds = o.replicas;
        int min = bounds == null ? 1 : bounds.min;
        int max = bounds == null ? DEFAULT_MAX : bounds.max;
        if (name.startsWith("hpa-cpu-")) {
            return new HpaCpuPolicy(Integer.parseInt(name.substring("hpa-cpu-".length())), min, max);
        }
        return switch (name) {
            case "sqo" -> new SqoPolicy(scenario);
            case "static" -> new StaticPolicy();
            case "oracle" -> new OraclePolicy(min, max);
            default -> throw new IllegalArgumentException("unknown policy " + name + ": use sqo, hpa-cpu-<target>, static or oracle");
        };
    }
}
