package dev.sqo.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exclusive cores for a workload: every container Guaranteed (requests equal to limits) with whole CPUs, which the
 * kubelet's static CPU manager pins, and the pods placed on the profile's nodes. Pure.
 */
public final class PinningPlanner {

    /**
     * The workload's template as pinning sees it.
     *
     * @param pinnedTo       the profile its required node affinity names, or null
     * @param initContainers how many init containers the pod has (they would need to be Guaranteed too)
     */
    public record Template(List<ContainerState> containers, String pinnedTo, int initContainers, String priorityClassName) {
    }

    /**
     * @param resources      the container resources to set, each Guaranteed
     * @param affinity       whether the node affinity must be added
     * @param priorityClass  the priority class to set, or null to leave it
     * @param refusal        why pinning cannot go ahead, or null
     */
    public record Pin(String profile, List<ContainerChange> resources, boolean affinity, String priorityClass, List<String> reasons,
                      String refusal) {

        public boolean needed() {
            return refusal == null && (!resources.isEmpty() || affinity || priorityClass != null);
        }
    }

    private PinningPlanner() {
    }

    /**
     * @param recommended the right-sizing plan's container changes (their CPU and memory requests win over the current)
     * @param profileProblem why the profile cannot take the workload (missing, no nodes), or null
     */
    public static Pin plan(String profile, String priorityClass, Template t, List<ContainerChange> recommended, ResourcePolicy cpu,
                           String profileProblem) {
        List<String> reasons = new ArrayList<>();
        if (profileProblem != null) {
            return refuse(profile, reasons, profileProblem);
        }
        if (t.initContainers() > 0) {
            return refuse(profile, reasons, "the pod has init containers, which would need to be Guaranteed too; sqo does not pin them");
        }
        List<ContainerChange> changes = new ArrayList<>();
        for (ContainerState c : t.containers()) {
            ContainerChange rec = recommended.stream().filter(r -> r.container().equals(c.name())).findFirst().orElse(null);
            // Kubernetes takes a limit alone as the request too.
            Double cpuBase = rec != null && rec.cpuRequest() != null ? rec.cpuRequest() : c.cpuRequest() != null ? c.cpuRequest() : c.cpuLimit();
            if (cpuBase == null) {
                return refuse(profile, reasons, "container " + c.name() + " sets no CPU: there is nothing to round to whole cores");
            }
            double cores = Math.max(1, Math.ceil(cpuBase - 1e-9));
            if (cores > cpu.max()) {
                return refuse(profile, reasons, String.format(Locale.ROOT, "container %s needs %.0f whole cores, above the CPU maximum of %s",
                        c.name(), cores, cpu.max()));
            }
            Double memory = max(rec != null ? rec.memoryRequest() : null, c.memoryRequest(), c.memoryLimit());
            if (memory == null) {
                return refuse(profile, reasons, "container " + c.name() + " sets no memory: a Guaranteed pod needs a memory request");
            }
            boolean guaranteed = c.cpuRequest() != null && c.cpuRequest() == cores && c.cpuLimit() != null && c.cpuLimit() == cores
                    && memory.equals(c.memoryRequest()) && memory.equals(c.memoryLimit());
            if (!guaranteed) {
                changes.add(new ContainerChange(c.name(), cores, cores, memory, memory));
                reasons.add(String.format(Locale.ROOT, "%s: %.0f whole cores (from %s), memory request = limit", c.name(), cores,
                        rec != null && rec.cpuRequest() != null ? "the right-sizing recommendation" : "the current request"));
            }
        }
        boolean affinity = !profile.equals(t.pinnedTo());
        if (affinity) {
            reasons.add("node affinity on the profile's nodes (sqo.dev/tuning-profile=" + profile + ")");
        }
        String priority = priorityClass != null && !priorityClass.equals(t.priorityClassName()) ? priorityClass : null;
        if (priority != null) {
            reasons.add("priority class " + priority);
        }
        if (changes.isEmpty() && !affinity && priority == null) {
            reasons.add("pinned: Guaranteed with whole CPUs on the nodes of " + profile);
        }
        return new Pin(profile, changes, affinity, priority, reasons, null);
    }

    private static Pin refuse(String profile, List<String> reasons, String why) {
        reasons.add("not pinned: " + why);
        return new Pin(profile, List.of(), false, null, reasons, why);
    }

    private static Double max(Double... values) {
        Double out = null;
        for (Double v : values) {
            if (v != null && (out == null || v > out)) {
                out = v;
            }
        }
        return out;
    }
}
