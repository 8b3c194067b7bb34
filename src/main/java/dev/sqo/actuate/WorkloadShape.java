package dev.sqo.actuate;

import dev.sqo.optimize.PodState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What optimization needs of a Deployment or StatefulSet, free of Kubernetes types: its replicas, its containers'
 * resources (cores and bytes, null when unset), its pods' states, the last action sqo journaled on it, and what CPU
 * pinning looks at: the tuning profile its required node affinity names, its init containers and priority class, and
 * the QoS classes its pods really run with; and how long its pods took to become ready (the median, null when no
 * pod tells), which is how far ahead of a forecast rise sqo must scale. Its generation is the spec every decision on
 * it was made on: sqo writes only while it is still the same, so a change made since (a kubectl scale, a rollout) is
 * never overwritten.
 */
public record WorkloadShape(String kind, String name, int replicas, List<Container> containers, Map<String, PodState> pods,
                            String lastAction, String pinnedTo, int initContainers, String priorityClassName,
                            Set<String> podQosClasses, Duration startup, Long generation) {

    public record Container(String name, Double cpuRequest, Double cpuLimit, Double memoryRequest, Double memoryLimit) {
    }

    /** The CPU requested by one pod, or null when a container requests none (utilization is then undefined). */
    public Double podCpuRequest() {
        double sum = 0;
        for (Container c : containers) {
            if (c.cpuRequest() == null) {
                return null;
            }
            sum += c.cpuRequest();
        }
        return sum;
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
