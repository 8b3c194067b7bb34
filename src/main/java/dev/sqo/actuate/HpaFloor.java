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
     * @param generation      the spec read: sqo writes only while it is still the same, so an edit made since stays
     */
    public record Hpa(String name, int minReplicas, int maxReplicas, Integer originalMinReplicas, Integer raisedTo, String lastAction,
                      Long generation) {

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
                h.getSpec().getMaxReplicas(), parsed, raisedTo, journal, h.getMetadata().getGeneration());
    }

    /** Raises minReplicas and journals the action, in one write, against the HPA as it was read. */
    public void raise(String namespace, Hpa hpa, int minReplicas, ActionRecord journal) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(hpa.name()).edit(h -> {
            Locks.decidedOn(h, hpa.generation());
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
            Locks.decidedOn(h, hpa.generation());
            Map<String, String> annotations = new HashMap<>(h.getMetadata().getAnnotations());
            annotations.put(SqoApi.LAST_ACTION_ANNOTATION, WorkloadActuator.encode(journal));
            annotations.remove(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION);
            h.getMetadata().setAnnotations(annotations);
            h.getSpec().setMinReplicas(minReplicas);
            return h;
        });
    }
}
