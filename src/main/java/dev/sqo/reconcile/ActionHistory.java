package dev.sqo.reconcile;

import dev.sqo.api.ActionRecord;
import dev.sqo.optimize.Hold;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.Recommendation;
import dev.sqo.optimize.ScaleEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The planner's history read back from status.actions: durable, so it survives a restart of the operator. */
final class ActionHistory {

    private ActionHistory() {
    }

    static OptimizationHistory of(List<ActionRecord> actions, List<Hold> holds, List<Recommendation> recommendations) {
        List<ScaleEvent> events = new ArrayList<>();
        Instant last = null;
        for (ActionRecord a : actions) {
            Instant t = Instant.parse(a.time);
            // Failed attempts count for the cooldown too, so a forbidden write is retried at its pace, not every cycle.
            last = last == null || t.isAfter(last) ? t : last;
            if ("Applied".equals(a.result) && ("ScaleOut".equals(a.kind) || "ScaleIn".equals(a.kind))) {
                events.add(new ScaleEvent(t, Integer.parseInt(a.to) - Integer.parseInt(a.from)));
            }
        }
        return new OptimizationHistory(List.copyOf(recommendations), events, last, holds);
    }
}
