package dev.sqo.playground;

/**
 * What the workload simulator needs to know of one pod.
 *
 * @param cores the CPU the pod may use: its container's CPU limit, or its request when it has no limit
 */
public record PodView(String name, String container, boolean ready, double cores) {
}
