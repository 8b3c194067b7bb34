package dev.sqo.tuning;

import dev.sqo.api.DiskTuning;
import dev.sqo.api.NodeTuningProfileSpec;

import java.util.ArrayList;
import java.util.List;

/** A profile's spec as the settings a node gets, with the legacy names mapped and noted. */
public record ProfileSettings(List<TuningSetting> settings, List<String> warnings) {

    public static ProfileSettings of(NodeTuningProfileSpec spec) {
        List<TuningSetting> settings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (spec.cpu != null && spec.cpu.governor != null) {
            settings.add(new TuningSetting(TuningSetting.GOVERNOR, spec.cpu.governor));
        }
        if (spec.vm != null && spec.vm.swappiness != null) {
            settings.add(new TuningSetting(TuningSetting.SWAPPINESS, Integer.toString(spec.vm.swappiness)));
        }
        if (spec.disk != null && spec.disk.scheduler != null) {
            String scheduler = DiskTuning.multiQueue(spec.disk.scheduler);
            if (!scheduler.equals(spec.disk.scheduler)) {
                warnings.add("disk.scheduler " + spec.disk.scheduler + " is the legacy single-queue name of " + scheduler
                        + "; current kernels only offer multi-queue schedulers, so sqo applies " + scheduler);
            }
            settings.add(new TuningSetting(TuningSetting.SCHEDULER, scheduler));
        }
        if (spec.net != null && spec.net.rmemMax != null) {
            settings.add(new TuningSetting(TuningSetting.RMEM_MAX, Long.toString(spec.net.rmemMax)));
        }
        if (spec.net != null && spec.net.wmemMax != null) {
            settings.add(new TuningSetting(TuningSetting.WMEM_MAX, Long.toString(spec.net.wmemMax)));
        }
        if (spec.kubelet != null && spec.kubelet.cpuManagerPolicy != null) {
            settings.add(new TuningSetting(TuningSetting.CPU_MANAGER_POLICY, spec.kubelet.cpuManagerPolicy));
        }
        return new ProfileSettings(settings, warnings);
    }
}
