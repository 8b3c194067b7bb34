package dev.sqo.tuning;

import java.util.List;

/**
 * What the node agent reports on its node: which profile at which generation it applied, and the settings that
 * failed. The operator reads it back into the profile's status.
 *
 * @param profile    the applied profile, or null when the node has none (everything restored)
 * @param failed     one line per failed setting, empty when all applied
 */
public record NodeReport(String profile, Long generation, List<String> failed, String reportedAt) {

    public static NodeReport of(String profile, Long generation, List<SettingResult> results, String reportedAt) {
        return new NodeReport(profile, generation, results.stream().filter(r -> r.outcome().failed()).map(SettingResult::line).toList(),
                reportedAt);
    }

    /** The same outcome, whenever it was reported. */
    public boolean sameAs(NodeReport other) {
        return java.util.Objects.equals(profile, other.profile) && java.util.Objects.equals(generation, other.generation)
                && java.util.Objects.equals(failed, other.failed);
    }

    public boolean degraded() {
        return failed != null && !failed.isEmpty();
    }
}
