package dev.sqo.actuate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.api.ActionRecord;
import dev.sqo.api.SqoApi;
import dev.sqo.optimize.ActionKind;
import dev.sqo.optimize.ContainerChange;
import dev.sqo.optimize.PinningPlanner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Applies a planned action to the workload. Every action is journaled in an annotation on the workload in the same
 * write as the change, so a restarted operator knows what it already did, and an action whose write failed left no
 * journal behind. Every write is made against the spec the decision was made on: if anyone changed the workload
 * since, the write is refused as a 409 Conflict and nothing is written (see {@link Locks}).
 */
public final class WorkloadActuator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public WorkloadActuator(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The replica count and its journal in one patch of the workload rather than through the scale subresource: a
     * Scale cannot carry an annotation, and two requests could leave a journal of a scale that never happened (a
     * 500, a webhook's denial, a crash in between) to be recovered, judged and held as if it had.
     */
    public void scale(String namespace, WorkloadShape workload, int replicas, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).edit(s -> {
                s.getSpec().setReplicas(replicas);
                return journaled(s, workload, journal);
            });
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name()).edit(d -> {
                d.getSpec().setReplicas(replicas);
                return journaled(d, workload, journal);
            });
        }
    }

    /** Container requests and limits in the pod template: a rolling update, as any template change. */
    public void resize(String namespace, WorkloadShape workload, List<ContainerChange> changes, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                    .edit(edit((StatefulSet s) -> s.getSpec().getTemplate(), changes, workload, journal));
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name())
                    .edit(edit((Deployment d) -> d.getSpec().getTemplate(), changes, workload, journal));
        }
    }

    /**
     * Exclusive cores: Guaranteed container resources, node affinity on the profile's nodes and, when asked, a
     * priority class, in one template change (one rolling update).
     */
    public void pin(String namespace, WorkloadShape workload, PinningPlanner.Pin pin, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                    .edit(pinned((StatefulSet s) -> s.getSpec().getTemplate(), pin, workload, journal));
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name())
                    .edit(pinned((Deployment d) -> d.getSpec().getTemplate(), pin, workload, journal));
        }
    }

    private static <T extends HasMetadata> UnaryOperator<T> pinned(Function<T, PodTemplateSpec> template, PinningPlanner.Pin pin,
                                                                  WorkloadShape decidedOn, ActionRecord journal) {
        UnaryOperator<T> resources = edit(template, pin.resources(), decidedOn, journal);
        return w -> {
            T edited = resources.apply(w);
            PodTemplateSpec t = template.apply(edited);
            PodPlacement.pin(t, pin.profile());
            if (pin.priorityClass() != null) {
                t.getSpec().setPriorityClassName(pin.priorityClass());
                // An explicit priority would contradict the class's; the admission controller fills it from the class.
                t.getSpec().setPriority(null);
            }
            return edited;
        };
    }

    private static <T extends HasMetadata> UnaryOperator<T> edit(Function<T, PodTemplateSpec> template,
                                                                 List<ContainerChange> changes, WorkloadShape decidedOn,
                                                                 ActionRecord journal) {
        return w -> {
            for (Container c : template.apply(w).getSpec().getContainers()) {
                changes.stream().filter(ch -> ch.container().equals(c.getName())).findFirst().ifPresent(ch -> apply(c, ch));
            }
            return journaled(w, decidedOn, journal);
        };
    }

    private static void apply(Container c, ContainerChange ch) {
        ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        Map<String, Quantity> requests = r.getRequests() == null ? new HashMap<>() : new HashMap<>(r.getRequests());
        Map<String, Quantity> limits = r.getLimits() == null ? new HashMap<>() : new HashMap<>(r.getLimits());
        if (ch.cpuRequest() != null) {
            requests.put("cpu", new Quantity(Quantities.cpu(ch.cpuRequest())));
        }
        if (ch.cpuLimit() != null) {
            limits.put("cpu", new Quantity(Quantities.cpu(ch.cpuLimit())));
        }
        if (ch.memoryRequest() != null) {
            requests.put("memory", new Quantity(Quantities.memory(ch.memoryRequest())));
        }
        if (ch.memoryLimit() != null) {
            limits.put("memory", new Quantity(Quantities.memory(ch.memoryLimit())));
        }
        r.setRequests(requests);
        r.setLimits(limits.isEmpty() ? null : limits);
        c.setResources(r);
    }

    /** The journal added, to a workload whose spec is still the one the decision was made on. */
    private static <T extends HasMetadata> T journaled(T workload, WorkloadShape decidedOn, ActionRecord journal) {
        Locks.decidedOn(workload, decidedOn.generation());
        Map<String, String> annotations = workload.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(workload.getMetadata().getAnnotations());
        annotations.put(SqoApi.LAST_ACTION_ANNOTATION, encode(journal));
        workload.getMetadata().setAnnotations(annotations);
        return workload;
    }

    public static String encode(ActionRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The journaled action, or null when there is none or it is not a record sqo could have written (a hand edit):
     * a journal that cannot be trusted is ignored rather than failing every cycle.
     */
    public static ActionRecord decode(String annotation) {
        if (annotation == null) {
            return null;
        }
        try {
            ActionRecord r = JSON.readValue(annotation, ActionRecord.class);
            if (r.id == null || ActionKind.of(r.kind) == null || r.from == null || r.to == null) {
                return null;
            }
            Instant.parse(r.time);
            if (ActionKind.of(r.kind) != ActionKind.Resize) {
                Integer.parseInt(r.from);
                Integer.parseInt(r.to);
            }
            return r;
        } catch (JsonProcessingException | DateTimeParseException | NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
