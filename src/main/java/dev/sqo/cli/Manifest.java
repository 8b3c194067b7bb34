package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML document of an input, with the line each field starts on, so that a message can point into the file
 * the way a compiler does: {@code checkout.yaml:14: spec.objectives[0].target: ...}.
 *
 * @param source   the file as the user named it, or {@code <stdin>}
 * @param document 1-based index of the document in the source
 * @param line     the line the document starts on
 * @param lines    field path (as the API server writes it: spec.objectives[0].ratio) to the line it starts on
 */
record Manifest(String source, int document, int line, JsonNode tree, Map<String, Integer> lines) {

    /** A List's items (as kubectl get -o yaml writes several objects), each a manifest of its own; else this one. */
    List<Manifest> objects() {
        if (!kind().equals("List") || !tree.path("items").isArray()) {
            return List.of(this);
        }
        List<Manifest> out = new ArrayList<>();
        for (int i = 0; i < tree.get("items").size(); i++) {
            String prefix = "items[" + i + "]";
            Map<String, Integer> itemLines = new HashMap<>();
            lines.forEach((path, at) -> {
                if (path.startsWith(prefix + ".")) {
                    itemLines.put(path.substring(prefix.length() + 1), at);
                }
            });
            out.add(new Manifest(source, document, lines.getOrDefault(prefix, line), tree.get("items").get(i), itemLines));
        }
        return out;
    }

    String kind() {
        return tree.path("kind").asText("");
    }

    String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    /** namespace/name as kubectl shows it, with the namespace kubectl would give it. */
    String name() {
        String name = tree.path("metadata").path("name").asText("<no name>");
        return tree.path("metadata").path("namespace").asText("default") + "/" + name;
    }

    /** Where a field is, or the nearest field around it that the file has (a missing field is reported where it belongs). */
    String at(String path) {
        String p = path;
        while (!p.isEmpty() && !lines.containsKey(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return source + ":" + (p.isEmpty() ? line : lines.get(p));
    }
}
