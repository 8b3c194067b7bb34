package dev.sqo.reconcile;

import dev.sqo.api.StatusCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Builds conditions per Kubernetes API conventions, keeping lastTransitionTime while a status does not change. */
final class ConditionSet {

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private final List<StatusCondition> previous;
    private final Long generation;
    private final Instant now;
    private final List<StatusCondition> conditions = new ArrayList<>();

    ConditionSet(List<StatusCondition> previous, Long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    ConditionSet set(String type, String status, String reason, String message) {
        String transition = previous.stream()
                .filter(c -> type.equals(c.type) && status.equals(c.status) && c.lastTransitionTime != null)
                .map(c -> c.lastTransitionTime)
                .findFirst()
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        conditions.add(new StatusCondition(type, status, reason, message, transition, generation));
        return this;
    }

    List<StatusCondition> build() {
        return List.copyOf(conditions);
    }
}
