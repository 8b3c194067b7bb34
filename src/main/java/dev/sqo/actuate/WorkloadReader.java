package dev.sqo.actuate;

import dev.sqo.api.SqoApi;
import dev.sqo.optimize.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the target workload and its pods into a {@link WorkloadShape}. */
public final class WorkloadReader {

    private final KubernetesClient client;

    public WorkloadReader(KubernetesClient client) {
        this.client = client;
    }

    public Optional<WorkloadShape> read(String namespace, String kind, String name) {
        HasMetadata workload = "StatefulSet".equals(kind)
                ? client.apps().statefulSets().inNamespace(namespace).withName(name).get()
                : client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (workload == null) {
            return Optional.empty();
        }
        return Optional.of(shape(client, workload, namespace, true));
    }

    /**
     * A workload from its manifest alone, as {@code sqo evaluate} reads it from a file: no pods are known, the
     * metrics name them.
     */
    public static WorkloadShape fromManifest(HasMetadata workload) {
        return shape(null, workload, workload.getMetadata().getNamespace(), false);
    }

    private static WorkloadShape shape(KubernetesClient client, HasMetadata workload, String namespace, boolean listPods) {
        String kind = workload.getKind();
        String name = workload.getMetadata().getName();
        int replicas;
        PodTemplateSpec template;
        LabelSelector selector;
        if (workload instanceof StatefulSet s) {
            replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            template = s.getSpec().getTemplate();
            selector = s.getSpec().getSelector();
        } else {
            Deployment d = (Deployment) workload;
            replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            template = d.getSpec().getTemplate();
            selector = d.getSpec().getSelector();
        }
        Map<String, PodState> pods = new LinkedHashMap<>();
        Set<String> qos = new HashSet<>();
        List<Duration> startups = new ArrayList<>();
        if (selector != null && listPods) {
            for (Pod p : client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems()) {
                pods.put(p.getMetadata().getName(), state(p));
                startup(p).ifPresent(startups::add);
                if (p.getStatus() != null && p.getStatus().getQosClass() != null) {
                    qos.add(p.getStatus().getQosClass());
                }
            }
        }
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        return new WorkloadShape(kind, name, replicas, containers(template), pods,
                annotations == null ? null : annotations.get(SqoApi.LAST_ACTION_ANNOTATION), PodPlacement.pinnedTo(template),
                template.getSpec().getInitContainers() == null ? 0 : template.getSpec().getInitContainers().size(),
                template.getSpec().getPriorityClassName(), qos, median(startups), workload.getMetadata().getGeneration());
    }

    static final Duration LONGEST_STARTUP = Duration.ofMinutes(10);

    /** From the pod's start to its Ready condition, when both are known and within {@link #LONGEST_STARTUP}. */
    private static Optional<Duration> startup(Pod p) {
        if (p.getStatus() == null || p.getStatus().getStartTime() == null || p.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return p.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .findFirst()
                .flatMap(c -> {
                    try {
                        // The condition keeps its last transition: a pod that turned unready and back later says
                        // nothing about its start-up, and no start-up takes longer than this.
                        Duration d = Duration.between(Instant.parse(p.getStatus().getStartTime()), Instant.parse(c.getLastTransitionTime()));
                        return d.isNegative() || d.compareTo(LONGEST_STARTUP) > 0 ? Optional.empty() : Optional.of(d);
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<WorkloadShape.Container> containers(PodTemplateSpec template) {
        List<WorkloadShape.Container> out = new ArrayList<>();
        for (Container c : template.getSpec().getContainers()) {
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            out.add(new WorkloadShape.Container(c.getName(), amount(requests.get("cpu")), amount(limits.get("cpu")),
                    amount(requests.get("memory")), amount(limits.get("memory"))));
        }
        return out;
    }

    private static Double amount(Quantity q) {
        return q == null ? null : Quantity.getAmountInBytes(q).doubleValue();
    }

    private static PodState state(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        if (!"Running".equals(phase)) {
            return PodState.PENDING;
        }
        boolean ready = p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready ? PodState.READY : PodState.NOT_READY;
    }
}
