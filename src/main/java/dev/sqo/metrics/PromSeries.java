package dev.sqo.metrics;

import java.util.Map;

/** One series of a Prometheus query result; a single sample for instant queries. NaN values stay NaN. */
public record PromSeries(Map<String, String> labels, long[] timestampsSeconds, double[] values) {

    public String label(String name) {
        return labels.get(name);
    }
}
