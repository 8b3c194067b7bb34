package dev.sqo.reconcile;

import dev.sqo.api.ActionRecord;
import dev.sqo.optimize.ActionKind;
import dev.sqo.optimize.Hold;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.ScaleEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The planner's history read back from status.actions: durable, so it survives a restart of the operator. */
final class ActionHistory {

    private ActionHistory() {
    }

    static OptimizationHistory of(List<ActionRecord> actions, List<Hold> holds, List<ReplicaRecommendation> recommendations) {
        List<ScaleEvent> events = new ArrayList<>();
        Instant last = null;
        for (ActionRecord a : actions) {
            Instant t;
            try {
                t = Instant.parse(a.time);
            } catch (DateTimeParseException | NullPointerException e) {
                continue; // not a record sqo wrote
            }
            // Failed attempts count for the cooldown too, so a forbidden write is retried at its pace, not every cycle.
            last = last == null || t.isAfter(last) ? t : last;
            ActionKind kind = ActionKind.of(a.kind);
            if ("Applied".equals(a.result) && kind != null && kind.scales()) {
                try {
                    events.add(new ScaleEvent(t, Integer.parseInt(a.to) - Integer.parseInt(a.from)));
                } catch (NumberFormatException e) {
                    // A record without replica counts cannot rate-limit anything.
                }
            }
        }
        return new OptimizationHistory(List.copyOf(recommendations), events, last, holds);
    }
}
