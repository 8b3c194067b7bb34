package dev.sqo.playground.api;

import java.util.List;

/**
 * One resource type as API discovery describes it: where it lives, what it is called and what can be done to it.
 *
 * @param subresources "status" and/or "scale"
 */
public record ApiResource(String group, String version, String plural, String singular, String kind, boolean namespaced,
                          List<String> shortNames, List<String> subresources) {

    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The path of the collection, without a namespace. */
    public String basePath() {
        return (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version;
    }

    /**
     * The built-in kinds the playground, its examples and the operator use. The list is what kubectl needs to
     * resolve short names ({@code deploy}, {@code po}, {@code ev}) and the scale subresource.
     */
    public static List<ApiResource> builtIn() {
        return List.of(
                core("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of("status")),
                core("nodes", "node", "Node", false, List.of("no"), List.of("status")),
                core("pods", "pod", "Pod", true, List.of("po"), List.of("status")),
                core("services", "service", "Service", true, List.of("svc"), List.of("status")),
                core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
                core("secrets", "secret", "Secret", true, List.of(), List.of()),
                core("events", "event", "Event", true, List.of("ev"), List.of()),
                core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
                apps("deployments", "deployment", "Deployment", List.of("deploy")),
                apps("statefulsets", "statefulset", "StatefulSet", List.of("sts")),
                apps("replicasets", "replicaset", "ReplicaSet", List.of("rs")),
                new ApiResource("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
                        "HorizontalPodAutoscaler", true, List.of("hpa"), List.of("status")),
                new ApiResource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of()),
                new ApiResource("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false,
                        List.of("pc"), List.of()),
                new ApiResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                        "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("status")));
    }

    private static ApiResource core(String plural, String singular, String kind, boolean namespaced, List<String> shortNames,
                                    List<String> subresources) {
        return new ApiResource("", "v1", plural, singular, kind, namespaced, shortNames, subresources);
    }

    private static ApiResource apps(String plural, String singular, String kind, List<String> shortNames) {
        return new ApiResource("apps", "v1", plural, singular, kind, true, shortNames, List.of("status", "scale"));
    }
}
