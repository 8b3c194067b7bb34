package dev.sqo.actuate;

import dev.sqo.api.ActionRecord;
import dev.sqo.api.SqoApi;
import dev.sqo.optimize.ActionKind;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When an HorizontalPodAutoscaler owns the workload's replicas, sqo does not fight it: while the budget burns it
 * raises the HPA's minReplicas, remembering the original in an annotation, and restores it once the budget recovers.
 */
public final class HpaFloor {

    /**
     * The HPA targeting the workload, as far as sqo needs it.
     *
     * @param raisedTo        the minReplicas sqo's last raise wrote (from its journal), or null when unknown
     * @param lastAction      the journal of sqo's last action on this HPA (annotation sqo.dev/last-action), or null
     */
    public record Hpa(String name, int minReplicas, int maxReplicas, Integer originalMinReplicas, Integer raisedTo, String lastAction) {

        public boolean raised() {
            return originalMinReplicas != null;
        }
    }

    private final KubernetesClient client;

    public HpaFloor(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Hpa> find(String namespace, String kind, String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems().stream()
                .filter(h -> h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
                        && kind.equals(h.getSpec().getScaleTargetRef().getKind())
                        && name.equals(h.getSpec().getScaleTargetRef().getName()))
                .findFirst().map(HpaFloor::view);
    }

    private static Hpa view(HorizontalPodAutoscaler h) {
        Map<String, String> annotations = h.getMetadata().getAnnotations();
        String original = annotations == null ? null : annotations.get(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION);
        Integer parsed = null;
        if (original != null) {
            try {
                parsed = Integer.valueOf(original);
            } catch (NumberFormatException e) {
                // Not ours to interpret: treated as never raised, so sqo will not "restore" a garbage value.
                parsed = null;
            }
        }
        String journal = annotations == null ? null : annotations.get(SqoApi.LAST_ACTION_ANNOTATION);
        ActionRecord last = WorkloadActuator.decode(journal);
        Integer raisedTo = last != null && ActionKind.of(last.kind) == ActionKind.RaiseHpaFloor ? Integer.valueOf(last.to) : null;
        return new Hpa(h.getMetadata().getName(), h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas(),
                h.getSpec().getMaxReplicas(), parsed, raisedTo, journal);
    }

    /**
     * Checks, inside fabric8's edit, that the HPA still has the floor and ceiling the decision read, or refuses with a
     * 409 Conflict, so that an edit made since stays. Not the generation, as for workloads: the API server keeps none
     * for HPAs (metadata.generation stays unset), so only the fields the decision read can tell.
     */
    private static HorizontalPodAutoscaler decidedOn(HorizontalPodAutoscaler h, Hpa read) {
        int min = h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas();
        if (min != read.minReplicas() || h.getSpec().getMaxReplicas() != read.maxReplicas()) {
            throw Locks.conflict(h, "minReplicas " + read.minReplicas() + ", maxReplicas " + read.maxReplicas() + " when decided; now "
                    + min + ", " + h.getSpec().getMaxReplicas());
        }
        return h;
    }

    /** Raises minReplicas and journals the action, in one write, against the HPA as it was read. */
    public void raise(String namespace, Hpa hpa, int minReplicas, ActionRecord journal) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(hpa.name()).edit(h -> {
            decidedOn(h, hpa);
            Map<String, String> annotations = h.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(h.getMetadata().getAnnotations());
            annotations.put(SqoApi.LAST_ACTION_ANNOTATION, WorkloadActuator.encode(journal));
            annotations.putIfAbsent(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION,
                    Integer.toString(h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas()));
            h.getMetadata().setAnnotations(annotations);
            h.getSpec().setMinReplicas(minReplicas);
            return h;
        });
    }

    /**
     * Sets minReplicas to what the decision gives back (the original, or the value someone else wrote while it was
     * raised), drops sqo's claim and journals the action, in one write, against the HPA as it was read.
     */
    public void restore(String namespace, Hpa hpa, int minReplicas, ActionRecord journal) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(hpa.name()).edit(h -> {
            decidedOn(h, hpa);
            Map<String, String> annotations = new HashMap<>(h.getMetadata().getAnnotations());
            annotations.put(SqoApi.LAST_ACTION_ANNOTATION, WorkloadActuator.encode(journal));
            annotations.remove(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION);
            h.getMetadata().setAnnotations(annotations);
            h.getSpec().setMinReplicas(minReplicas);
            return h;
        });
    }
}
