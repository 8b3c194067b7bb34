package dev.sqo.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as TuneD profile data, for the OpenShift Node Tuning Operator's Tuned object: the cpu, sysctl and disk
 * plugins take exactly the typed settings. The kubelet expectation has no TuneD equivalent and is left out.
 */
public final class TunedProfile {

    /** TuneD's own profile for OpenShift nodes, which this one extends rather than replaces. */
    static final String BASE = "openshift-node";

    private TunedProfile() {
    }

    public static String name(String profile) {
        return "sqo-" + profile;
    }

    public static String data(String profile, List<TuningSetting> settings) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        sections.put("main", new StringBuilder("summary=sqo NodeTuningProfile " + profile + "\ninclude=" + BASE + "\n"));
        for (TuningSetting s : settings) {
            switch (s.key()) {
                case TuningSetting.GOVERNOR -> section(sections, "cpu").append("governor=").append(s.value()).append('\n');
                case TuningSetting.SCHEDULER -> section(sections, "disk").append("elevator=").append(s.value()).append('\n');
                case TuningSetting.SWAPPINESS, TuningSetting.RMEM_MAX, TuningSetting.WMEM_MAX ->
                        section(sections, "sysctl").append(s.key()).append('=').append(s.value()).append('\n');
                default -> {
                    // kubelet.cpuManagerPolicy is the kubelet's configuration, not TuneD's.
                }
            }
        }
        StringBuilder out = new StringBuilder();
        sections.forEach((name, body) -> out.append(out.length() == 0 ? "" : "\n").append('[').append(name).append("]\n").append(body));
        return out.toString();
    }

    private static StringBuilder section(Map<String, StringBuilder> sections, String name) {
        return sections.computeIfAbsent(name, k -> new StringBuilder());
    }
}
