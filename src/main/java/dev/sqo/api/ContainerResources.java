package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits of one container, as Kubernetes quantities. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerResources {

    @JsonPropertyDescription("Container name.")
    public String name;

    @JsonPropertyDescription("CPU request.")
    public String cpuRequest;

    @JsonPropertyDescription("CPU limit, kept in proportion to the request when one was set.")
    public String cpuLimit;

    @JsonPropertyDescription("Memory request.")
    public String memoryRequest;

    @JsonPropertyDescription("Memory limit, kept in proportion to the request when one was set.")
    public String memoryLimit;
}
