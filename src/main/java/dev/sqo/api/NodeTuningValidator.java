package dev.sqo.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Java mirror of the NodeTuningProfile schema and CEL rules, for profiles that did not pass admission (files). */
public final class NodeTuningValidator {

    private static final Set<String> GOVERNORS = Set.of("performance", "powersave", "schedutil", "ondemand");
    private static final Set<String> SCHEDULERS = Set.of("mq-deadline", "bfq", "kyber", "none", "deadline", "cfq", "noop");

    private NodeTuningValidator() {
    }

    /** Also the name: it becomes the value of the nodes' sqo.dev/tuning-profile label. */
    public static List<String> problems(String name, NodeTuningProfileSpec spec) {
        List<String> out = problems(spec);
        if (name != null && name.length() > 63) {
            out.add(0, "metadata.name: at most 63 characters, it becomes a node label value; got " + name.length());
        }
        return out;
    }

    public static List<String> problems(NodeTuningProfileSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec == null) {
            out.add("spec: is required");
            return out;
        }
        if (spec.nodeSelector == null || spec.nodeSelector.isEmpty()) {
            out.add("spec.nodeSelector: must have at least one label: a profile for every node is a mistake");
        }
        if (spec.cpu == null && spec.vm == null && spec.disk == null && spec.net == null && spec.kubelet == null) {
            out.add("spec: set at least one of cpu, vm, disk, net or kubelet");
        }
        if (spec.cpu != null && !GOVERNORS.contains(String.valueOf(spec.cpu.governor))) {
            out.add("spec.cpu.governor: must be performance, powersave, schedutil or ondemand, got " + spec.cpu.governor);
        }
        if (spec.vm != null && (spec.vm.swappiness == null || spec.vm.swappiness < 10 || spec.vm.swappiness > 60)) {
            out.add("spec.vm.swappiness: must be between 10 and 60, got " + spec.vm.swappiness);
        }
        if (spec.disk != null && !SCHEDULERS.contains(String.valueOf(spec.disk.scheduler))) {
            out.add("spec.disk.scheduler: must be mq-deadline, bfq, kyber or none (or the legacy deadline, cfq, noop), got "
                    + spec.disk.scheduler);
        }
        if (spec.net != null) {
            buffer(spec.net.rmemMax, "spec.net.rmemMax", out);
            buffer(spec.net.wmemMax, "spec.net.wmemMax", out);
        }
        if (spec.kubelet != null && !"static".equals(spec.kubelet.cpuManagerPolicy) && !"none".equals(spec.kubelet.cpuManagerPolicy)) {
            out.add("spec.kubelet.cpuManagerPolicy: must be static or none, got " + spec.kubelet.cpuManagerPolicy);
        }
        return out;
    }

    private static void buffer(Long value, String at, List<String> out) {
        if (value != null && (value < NetTuning.MIN_BUFFER || value > NetTuning.MAX_BUFFER)) {
            out.add(at + ": must be between " + NetTuning.MIN_BUFFER + " and " + NetTuning.MAX_BUFFER + " bytes, got " + value);
        }
    }
}
