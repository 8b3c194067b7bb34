package dev.sqo.optimize;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the user allows, resolved with defaults.
 *
 * @param behavior      HPA behavior with the replica bounds
 * @param budgetFloor   scale-in and lowering requests are refused below this remaining budget (a fraction)
 * @param managesResources whether sqo may change container resources at all (spec.optimization.resources is set)
 * @param rightSizing   whether requests also follow usage; without it only trigger-driven memory raises happen
 * @param containers    containers sqo may resize; all when empty
 * @param objectiveControl whether replicas follow the objectives ({@link ObjectiveScaler}); false when the user
 *                      listed a trigger that scales, which then decides alone
 */
public record OptimizationPolicy(List<TriggerRule> triggers, ReplicaBehavior behavior, double budgetFloor, Duration cooldown,
                                 Duration validationWindow, boolean managesResources, boolean rightSizing, Set<String> containers, ResourcePolicy cpu,
                                 ResourcePolicy memory, boolean objectiveControl) {

    public boolean resizes(String container) {
        return containers.isEmpty() || containers.contains(container);
    }
}
