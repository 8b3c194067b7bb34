package dev.sqo.optimize;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The resources one container should get: usage-based right-sizing and trigger-driven memory raises, with the guard
 * rails that requests stay within their bounds, are never lowered on missing data or while the budget burns, and a
 * memory limit never drops below the highest peak seen.
 */
final class ResourcePlanner {

    private static final ResourceRecommender.Rounding MIB = ResourceRecommender.Rounding.MEBIBYTES;

    private ResourcePlanner() {
    }

    static Optional<ContainerChange> plan(OptimizationPolicy policy, ContainerState c, List<Firing> firing,
                                          OptimizationHistory history, WorkloadObservation obs, Reasons reasons) {
        String signal = TriggerEvaluator.MEMORY + ":" + c.name();
        Optional<Firing> raise = firing.stream().filter(f -> f.signal().equals(signal)).findFirst();
        if (!policy.managesResources()) {
            raise.ifPresent(f -> reasons.refuse(c.name() + " memory: not raised, spec.optimization.resources is not set, so sqo "
                    + "changes no container resources"));
            return Optional.empty();
        }
        Double cpuRequest = null;
        Double cpuLimit = null;
        if (!policy.rightSizing()) {
            reasons.note(c.name() + ": right-sizing is disabled (resources.enabled: false)");
        } else if (c.cpuRequest() != null && obs.hpa() != null) {
            // The HPA measures utilization against the CPU request: moving the request would move its target.
            reasons.note(c.name() + " CPU: left alone, HorizontalPodAutoscaler " + obs.hpa() + " scales on utilization of the request");
        } else if (c.cpuRequest() != null) {
            ResourceRecommender.Recommendation cpu = ResourceRecommender.recommend(c.cpuHistory(), c.cpuRequest(), c.cpuLimit(),
                    policy.cpu(), ResourceRecommender.Rounding.MILLICORES);
            reasons.note(c.name() + " CPU: " + cpu.reason());
            if (cpu.act()) {
                cpuRequest = cpu.request();
                cpuLimit = cpu.limit();
            }
        }
        Double memoryRequest = null;
        Double memoryLimit = null;
        if (policy.rightSizing() && c.memoryRequest() != null) {
            ResourceRecommender.Recommendation memory = ResourceRecommender.recommend(c.memoryHistory(), c.memoryRequest(),
                    c.memoryLimit(), policy.memory(), MIB);
            reasons.note(c.name() + " memory: " + memory.reason());
            if (memory.act()) {
                memoryRequest = memory.request();
                memoryLimit = memory.limit();
            }
        }
        if (raise.isPresent() && c.memoryBasis() != null && raise.get().value() != null) {
            if (history.held(ActionKind.Resize, signal)) {
                reasons.refuse("memory raise of " + c.name() + " is held: an earlier one did not bring utilization down");
            } else {
                double request = c.memoryRequest() != null ? c.memoryRequest() : c.memoryBasis();
                double raised = within(policy.memory(), MIB.roundUp(request * raise.get().value() / raise.get().rule().target()));
                if (raised > request && (memoryRequest == null || raised > memoryRequest)) {
                    memoryRequest = raised;
                    memoryLimit = c.memoryLimit() == null ? null : MIB.roundUp(raised * c.memoryLimit() / request);
                    reasons.note(String.format(Locale.ROOT, "%s memory: raised to %s so that the peak sits at %.0f%%", c.name(),
                            MIB.format(raised), raise.get().rule().target()));
                } else if (raised <= request) {
                    reasons.refuse(c.name() + " memory: not raised, " + MIB.format(request) + " is already at the maximum of "
                            + MIB.format(policy.memory().max()));
                }
            }
        }
        if (memoryLimit != null && c.memoryLimit() != null && memoryLimit < c.memoryLimit()) {
            // A limit under a peak the container already reached is an OOM kill waiting for that peak to return.
            double floor = MIB.roundUp(highest(c.memoryHistory()) * (1 + policy.memory().margin()));
            memoryLimit = Math.min(c.memoryLimit(), Math.max(memoryLimit, Math.max(floor, memoryRequest)));
        }
        boolean lowersCpu = cpuRequest != null && cpuRequest < c.cpuRequest();
        boolean lowersMemory = memoryRequest != null && c.memoryRequest() != null && memoryRequest < c.memoryRequest();
        String blocker = OptimizationPlanner.savingsBlocker(obs, policy);
        if ((lowersCpu || lowersMemory) && blocker != null) {
            reasons.refuse(c.name() + ": lowering requests refused: " + blocker);
            if (lowersCpu) {
                cpuRequest = null;
                cpuLimit = null;
            }
            if (lowersMemory) {
                memoryRequest = null;
                memoryLimit = null;
            }
        }
        if (cpuRequest == null && memoryRequest == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerChange(c.name(), cpuRequest, cpuLimit, memoryRequest, memoryLimit));
    }

    private static double within(ResourcePolicy p, double value) {
        return Math.max(p.min(), Math.min(p.max(), value));
    }

    private static double highest(List<Double> samples) {
        return samples.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
