package dev.sqo.optimize;

/**
 * One pod's metric for a replica calculation.
 *
 * @param value   usage (resource metrics, in the unit of {@code request}) or the metric value; null when missing
 * @param request the resource request; ignored for plain (per-pod average) metrics
 */
public record PodSample(String name, Double value, double request, PodState state) {

    public static PodSample ready(String name, double value, double request) {
        return new PodSample(name, value, request, PodState.READY);
    }
}
