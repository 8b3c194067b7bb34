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
 * Applies a planned action to the workload. Every action is journaled in an annotation on the workload, before the
 * change (scaling) or in the same write (resizing), so a restarted operator knows what it already did.
 */
public final class WorkloadActuator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public WorkloadActuator(KubernetesClient client) {
        this.client = client;
    }

    /** Through the scale subresource, as kubectl scale and the HPA do. */
    public void scale(String namespace, WorkloadShape workload, int replicas, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).edit(s -> journaled(s, journal));
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).scale(replicas);
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name()).edit(d -> journaled(d, journal));
            client.apps().deployments().inNamespace(namespace).withName(workload.name()).scale(replicas);
        }
    }

    /** Container requests and limits in the pod template: a rolling update, as any template change. */
    public void resize(String namespace, WorkloadShape workload, List<ContainerChange> changes, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                    .edit(edit((StatefulSet s) -> s.getSpec().getTemplate(), changes, journal));
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name())
                    .edit(edit((Deployment d) -> d.getSpec().getTemplate(), changes, journal));
        }
    }

    /**
     * Exclusive cores: Guaranteed container resources, node affinity on the profile's nodes and, when asked, a
     * priority class, in one template change (one rolling update).
     */
    public void pin(String namespace, WorkloadShape workload, PinningPlanner.Pin pin, ActionRecord journal) {
        if ("StatefulSet".equals(workload.kind())) {
            client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                    .edit(pinned((StatefulSet s) -> s.getSpec().getTemplate(), pin, journal));
        } else {
            client.apps().deployments().inNamespace(namespace).withName(workload.name())
                    .edit(pinned((Deployment d) -> d.getSpec().getTemplate(), pin, journal));
        }
    }

    private static <T extends HasMetadata> UnaryOperator<T> pinned(Function<T, PodTemplateSpec> template, PinningPlanner.Pin pin,
                                                                  ActionRecord journal) {
        UnaryOperator<T> resources = edit(template, pin.resources(), journal);
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
                                                                 List<ContainerChange> changes, ActionRecord journal) {
        return w -> {
            for (Container c : template.apply(w).getSpec().getContainers()) {
                changes.stream().filter(ch -> ch.container().equals(c.getName())).findFirst().ifPresent(ch -> apply(c, ch));
            }
            return journaled(w, journal);
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

    private static <T extends HasMetadata> T journaled(T workload, ActionRecord journal) {
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
