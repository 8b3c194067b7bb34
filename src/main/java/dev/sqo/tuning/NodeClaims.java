package dev.sqo.tuning;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which profile each node gets. A node matched by several profiles gets the first by name, every time, so two
 * profiles never take turns writing the same files.
 */
public final class NodeClaims {

    public record Profile(String name, Map<String, String> nodeSelector) {
        boolean matches(Map<String, String> labels) {
            return !nodeSelector.isEmpty() && nodeSelector.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    private NodeClaims() {
    }

    /** @return node name to the profile it gets; nodes no profile matches are absent */
    public static Map<String, String> assign(List<Profile> profiles, Map<String, Map<String, String>> nodeLabels) {
        List<Profile> ordered = profiles.stream().sorted(Comparator.comparing(Profile::name)).toList();
        Map<String, String> out = new LinkedHashMap<>();
        nodeLabels.forEach((node, labels) -> ordered.stream().filter(p -> p.matches(labels)).findFirst()
                .ifPresent(p -> out.put(node, p.name())));
        return out;
    }

    /** Nodes the profile's selector matches but another profile claims first. */
    public static List<String> lost(Profile profile, Map<String, Map<String, String>> nodeLabels, Map<String, String> claims) {
        return nodeLabels.entrySet().stream().filter(e -> profile.matches(e.getValue()) && !profile.name().equals(claims.get(e.getKey())))
                .map(Map.Entry::getKey).sorted().toList();
    }
}
