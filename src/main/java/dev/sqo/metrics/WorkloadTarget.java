package dev.sqo.metrics;

/**
 * A workload as its cAdvisor series name it: the namespace and the pod names its controller gives (a Deployment's
 * pods are name-&lt;template hash&gt;-&lt;suffix&gt;, a StatefulSet's name-&lt;ordinal&gt;).
 */
public record WorkloadTarget(String namespace, String kind, String name) {

    /** A fully anchored RE2 pattern; names are DNS labels, so nothing needs escaping. */
    public String podPattern() {
        return "StatefulSet".equals(kind) ? name + "-[0-9]+" : name + "-[a-z0-9]{1,10}-[a-z0-9]{5}";
    }

    /** Matchers for the workload's container series, leaving out the pause container and the pod-level sums. */
    String containerMatchers() {
        return "namespace=\"" + namespace + "\",pod=~\"" + podPattern() + "\",container!=\"\",container!=\"POD\"";
    }

    public boolean owns(String pod) {
        return pod != null && pod.matches(podPattern());
    }
}
