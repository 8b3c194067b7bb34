package dev.sqo.optimize;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resources one container should get: usage-based right-sizing and trigger-driven memory raises, with the guard
 * rail that requests are never lowered on missing data or while the budget burns.
 */
final class ResourcePlanner {

    private ResourcePlanner() {
    }

    static Optional<ContainerChange> plan(OptimizationPolicy policy, ContainerState c, List<Firing> firing,
                                          OptimizationHistory history, WorkloadObservation obs, List<String> reasons) {
        Double cpuRequest = null;
        Double cpuLimit = null;
        if (policy.rightSizing() && c.cpuRequest() != null && obs.hpa() != null) {
            // The HPA measures utilization against the CPU request: moving the request would move its target.
            reasons.add(c.name() + " CPU: left alone, HorizontalPodAutoscaler " + obs.hpa() + " scales on utilization of the request");
        } else if (policy.rightSizing() && c.cpuRequest() != null) {
            ResourceRecommender.Recommendation cpu = ResourceRecommender.recommend(c.cpuHistory(), c.cpuRequest(), c.cpuLimit(),
                    policy.cpu(), ResourceRecommender.Rounding.MILLICORES);
            reasons.add(c.name() + " CPU: " + cpu.reason());
            if (cpu.act()) {
                cpuRequest = cpu.request();
                cpuLimit = cpu.limit();
            }
        }
        Double memoryRequest = null;
        Double memoryLimit = null;
        if (policy.rightSizing() && c.memoryRequest() != null) {
            ResourceRecommender.Recommendation memory = ResourceRecommender.recommend(c.memoryHistory(), c.memoryRequest(),
                    c.memoryLimit(), policy.memory(), ResourceRecommender.Rounding.MEBIBYTES);
            reasons.add(c.name() + " memory: " + memory.reason());
            if (memory.act()) {
                memoryRequest = memory.request();
                memoryLimit = memory.limit();
            }
        }
        String signal = TriggerEvaluator.MEMORY + ":" + c.name();
        Optional<Firing> raise = firing.stream().filter(f -> f.signal().equals(signal)).findFirst();
        if (raise.isPresent() && c.memoryBasis() != null && raise.get().value() != null) {
            if (history.held("Resize", signal)) {
                reasons.add("memory raise of " + c.name() + " is held: an earlier one did not bring utilization down");
            } else {
                double factor = raise.get().value() / raise.get().rule().target();
                double request = c.memoryRequest() != null ? c.memoryRequest() : c.memoryBasis();
                double raised = Math.min(policy.memory().max(), ResourceRecommender.Rounding.MEBIBYTES.roundUp(request * factor));
                if (raised > request && (memoryRequest == null || raised > memoryRequest)) {
                    memoryRequest = raised;
                    memoryLimit = c.memoryLimit() == null ? null
                            : ResourceRecommender.Rounding.MEBIBYTES.roundUp(raised * c.memoryLimit() / request);
                    reasons.add(String.format(Locale.ROOT, "%s memory: raised to %s so that the peak sits at %.0f%%", c.name(),
                            ResourceRecommender.Rounding.MEBIBYTES.format(raised), raise.get().rule().target()));
                } else if (raised <= request) {
                    reasons.add(c.name() + " memory: at its maximum of "
                            + ResourceRecommender.Rounding.MEBIBYTES.format(policy.memory().max()) + ", cannot raise further");
                }
            }
        }
        boolean lowers = (cpuRequest != null && cpuRequest < c.cpuRequest())
                || (memoryRequest != null && c.memoryRequest() != null && memoryRequest < c.memoryRequest());
        if (lowers && (OptimizationPlanner.burning(obs, policy) || !obs.failedSignals().isEmpty())) {
            reasons.add(c.name() + ": lowering requests refused while the error budget burns, is below its floor or a signal has no data");
            if (cpuRequest != null && cpuRequest < c.cpuRequest()) {
                cpuRequest = null;
                cpuLimit = null;
            }
            if (memoryRequest != null && c.memoryRequest() != null && memoryRequest < c.memoryRequest()) {
                memoryRequest = null;
                memoryLimit = null;
            }
            lowers = false;
        }
        if (cpuRequest == null && memoryRequest == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerChange(c.name(), cpuRequest, cpuLimit, memoryRequest, memoryLimit, lowers));
    }
}
