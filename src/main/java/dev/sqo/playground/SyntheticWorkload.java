package dev.sqo.playground;

import java.time.Instant;
import java.util.List;

/**
 * A deterministic model of a workload's resource use, as cAdvisor reports it through the kubelet: per pod, CPU
 * seconds of one container with a daily cycle, and its memory working set. A busy period can raise both.
 *
 * @param cpuCores    mean CPU use of each pod, in cores
 * @param dailySwing  relative amplitude of the daily CPU cycle, 0..1
 * @param memoryBytes working set of each pod outside busy periods
 * @param busyFrom    start of a busy period (or null): CPU x busyFactor and memory x busyMemoryFactor until the end
 */
public record SyntheticWorkload(String namespace, String container, List<String> pods, double cpuCores, double dailySwing,
                                double memoryBytes, Instant busyFrom, double busyFactor, double busyMemoryFactor) {

    /** Cores used by one pod during the minute ending at epoch second minute x 60. */
    public double cpu(int pod, long minute) {
        double phase = 2 * Math.PI * Math.floorMod(minute, 1440) / 1440.0;
        // Pods differ a little, as real replicas behind a load balancer do.
        double skew = 1 + 0.05 * (pod - (pods.size() - 1) / 2.0);
        return cpuCores * skew * (1 + dailySwing * Math.sin(phase)) * (busy(minute) ? busyFactor : 1);
    }

    public double memory(int pod, long minute) {
        double wobble = 1 + 0.02 * Math.sin(2 * Math.PI * Math.floorMod(minute + pod * 97L, 240) / 240.0);
        return Math.round(memoryBytes * wobble * (busy(minute) ? busyMemoryFactor : 1));
    }

    private boolean busy(long minute) {
        return busyFrom != null && minute * 60 > busyFrom.getEpochSecond();
    }
}
