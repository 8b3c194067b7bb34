package dev.sqo.metrics;

import dev.sqo.rules.OneSeries;

import java.util.Map;

/**
 * One PromQL expression that yields, evaluated at the end of a 5-minute slice, every part an SLI needs for that
 * slice (each part a series labelled {@value #PART_LABEL}), and how to turn the parts into bad and total events.
 * One query per objective covers all windows: window sums are added up from slices in memory.
 */
public record SliQuery(String promql, Decoder decoder) {

    public static final String PART_LABEL = "sqo_part";

    public interface Decoder {
        /**
         * @param parts values by part name for one slice; absent parts are missing
         * @return {bad, total}, or null when the slice has no data
         */
        double[] decode(Map<String, Double> parts);
    }

    /** Wraps an expression so that its single aggregated series carries the part name. */
    static String part(String expr, String name) {
        return "label_replace(" + OneSeries.of(expr) + ", \"" + PART_LABEL + "\", \"" + name + "\", \"\", \"\")";
    }
}
