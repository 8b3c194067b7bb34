package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.util.List;
import java.util.Map;

/**
 * Everything observed about the workload this cycle.
 *
 * @param cpuPods         per-pod CPU usage now (cores) against requests, for the HPA calculation
 * @param signals         the trigger signals by name
 * @param failedSignals   signals whose data is missing or partial, with the reason; any entry forbids scaling in
 * @param alert           the worst burn-rate alert of the objectives
 * @param budgetRemaining the lowest remaining budget of the objectives (a fraction), null without data
 * @param hpa             the name of an HorizontalPodAutoscaler that owns the replicas, or null
 * @param demand          the load and its history, for the objective control; null when it is not read
 */
public record WorkloadObservation(int currentReplicas, List<PodSample> cpuPods, Map<String, SignalSeries> signals,
                                  Map<String, String> failedSignals, List<ContainerState> containers, AlertLevel alert,
                                  Double budgetRemaining, String hpa, Demand demand) {

    /** Without the load: what trigger-driven decisions read. */
    public WorkloadObservation(int currentReplicas, List<PodSample> cpuPods, Map<String, SignalSeries> signals,
                               Map<String, String> failedSignals, List<ContainerState> containers, AlertLevel alert,
                               Double budgetRemaining, String hpa) {
        this(currentReplicas, cpuPods, signals, failedSignals, containers, alert, budgetRemaining, hpa, null);
    }

    public WorkloadObservation withHpa(String name) {
        return new WorkloadObservation(currentReplicas, cpuPods, signals, failedSignals, containers, alert, budgetRemaining, name, demand);
    }
}
