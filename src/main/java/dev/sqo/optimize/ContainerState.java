package dev.sqo.optimize;

import java.util.List;

/**
 * One container of the workload's pod template: its resources now (cores and bytes, null when unset) and its usage
 * over the right-sizing lookback (CPU cores, and 5-minute peaks of the memory working set, one sample per step;
 * null for a step without data).
 */
public record ContainerState(String name, Double cpuRequest, Double cpuLimit, Double memoryRequest, Double memoryLimit,
                             List<Double> cpuHistory, List<Double> memoryHistory) {

    /** What memory utilization is measured against: the limit when one is set, because that is where a pod is killed. */
    public Double memoryBasis() {
        return memoryLimit != null ? memoryLimit : memoryRequest;
    }
}
