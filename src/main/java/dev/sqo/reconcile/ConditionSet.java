package dev.sqo.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Builds conditions per Kubernetes API conventions, keeping lastTransitionTime while a status does not change. */
final class ConditionSet {

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private final List<Condition> previous;
    private final Long generation;
    private final Instant now;
    private final List<Condition> conditions = new ArrayList<>();

    ConditionSet(List<Condition> previous, Long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    ConditionSet set(String type, String status, String reason, String message) {
        String transition = previous.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        conditions.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withObservedGeneration(generation).build());
        return this;
    }

    List<Condition> build() {
        return List.copyOf(conditions);
    }
}
