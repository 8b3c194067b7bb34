package dev.sqo.optimize;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the user allows, resolved with defaults.
 *
 * @param behavior      HPA behavior with the replica bounds
 * @param budgetFloor   scale-in and lowering requests are refused below this remaining budget (a fraction)
 * @param rightSizing   whether requests follow usage; memory raises by trigger happen regardless
 * @param containers    containers sqo may resize; all when empty
 */
public record OptimizationPolicy(List<TriggerRule> triggers, ReplicaBehavior behavior, double budgetFloor, Duration cooldown,
                                 Duration validationWindow, boolean rightSizing, Set<String> containers, ResourcePolicy cpu,
                                 ResourcePolicy memory) {

    public boolean resizes(String container) {
        return containers.isEmpty() || containers.contains(container);
    }
}
