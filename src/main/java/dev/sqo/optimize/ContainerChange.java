package dev.sqo.optimize;

/** New resources for one container; a null field stays as it is. Cores and bytes. */
public record ContainerChange(String container, Double cpuRequest, Double cpuLimit, Double memoryRequest, Double memoryLimit) {
}
