package dev.sqo.docs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Markdown table row per field under an OpenAPI v3 schema, depth first in the schema's order. A field's path
 * is dotted from the resource's root; {@code []} stands for an element of a list and {@code *} for a value of a map.
 */
final class FieldTable {

    private static final int LONG_PATTERN = 120;

    private static final String HEADER = """
            | Field | Type | Required | Default | Allowed values | Description |
            |---|---|---|---|---|---|
            """;

    private FieldTable() {
    }

    /** The table of every field below {@code schema}, whose own path is {@code path}. */
    static String render(String path, JsonNode schema) {
        StringBuilder rows = new StringBuilder(HEADER);
        appendFields(path, schema, rows);
        return rows.toString();
    }

    /** The description, followed by the rules, as Markdown. */
    static String describe(JsonNode schema) {
        String description = layers(schema).stream().map(l -> l.path("description").asText())
                .filter(d -> !d.isBlank()).findFirst().map(Markdown::text).orElse("");
        List<String> rules = rules(schema);
        if (rules.isEmpty()) {
            return description;
        }
        String quoted = String.join("; ", rules.stream().map(m -> "“" + Markdown.text(m) + "”").toList());
        return (description + " **Rules:** " + quoted).strip();
    }

    /**
     * Rules of a field: the messages of its CEL validations and those of its list elements or map values. These
     * messages are what the API server answers when it refuses a resource.
     */
    private static List<String> rules(JsonNode schema) {
        List<String> messages = new ArrayList<>();
        for (JsonNode layer : layers(schema)) {
            // Without a message the API server answers "failed rule: " and the CEL expression.
            layer.path("x-kubernetes-validations").forEach(v -> messages.add(v.has("message")
                    ? v.get("message").asText() : "failed rule: " + v.path("rule").asText()));
        }
        return messages;
    }

    private static void appendFields(String path, JsonNode schema, StringBuilder rows) {
        List<JsonNode> layers = layers(schema);
        JsonNode object = layers.get(layers.size() - 1);
        String prefix = path + elementSuffix(layers);
        Set<String> required = new HashSet<>();
        object.path("required").forEach(r -> required.add(r.asText()));
        object.path("properties").fields().forEachRemaining(field -> {
            String fieldPath = prefix + "." + field.getKey();
            JsonNode fieldSchema = field.getValue();
            rows.append("| ").append(Markdown.code(fieldPath))
                    .append(" | ").append(type(fieldSchema))
                    .append(" | ").append(required.contains(field.getKey()) ? "yes" : "no")
                    .append(" | ").append(defaultValue(fieldSchema))
                    .append(" | ").append(allowedValues(fieldSchema))
                    .append(" | ").append(describe(fieldSchema))
                    .append(" |\n");
            appendFields(fieldPath, fieldSchema, rows);
        });
    }

    /**
     * The schema, then for a list or a map the schema of its elements, and so on down to the first that is
     * neither: a list of objects documents the object's fields, and its rules belong with the list.
     */
    private static List<JsonNode> layers(JsonNode schema) {
        List<JsonNode> layers = new ArrayList<>(List.of(schema));
        for (JsonNode s = schema; element(s) != null; s = element(s)) {
            layers.add(element(s));
        }
        return layers;
    }

    private static JsonNode element(JsonNode schema) {
        if (schema.has("items")) {
            return schema.get("items");
        }
        JsonNode values = schema.path("additionalProperties");
        return values.isObject() ? values : null;
    }

    private static String elementSuffix(List<JsonNode> layers) {
        StringBuilder suffix = new StringBuilder();
        for (JsonNode layer : layers.subList(0, layers.size() - 1)) {
            suffix.append(layer.has("items") ? "[]" : ".*");
        }
        return suffix.toString();
    }

    /** Go-style, as kubectl explain and the Kubernetes API reference write it: []string, map[string]string. */
    private static String type(JsonNode schema) {
        StringBuilder type = new StringBuilder();
        List<JsonNode> layers = layers(schema);
        for (JsonNode layer : layers.subList(0, layers.size() - 1)) {
            type.append(layer.has("items") ? "[]" : "map[string]");
        }
        JsonNode leaf = layers.get(layers.size() - 1);
        type.append(leaf.path("x-kubernetes-int-or-string").asBoolean() ? "int-or-string" : leaf.path("type").asText());
        return schema.path("nullable").asBoolean() ? type + " (nullable)" : type.toString();
    }

    /** Enum values, numeric bounds, lengths, item counts and patterns, of the field and of its elements. */
    private static String allowedValues(JsonNode schema) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode layer : layers(schema)) {
            if (layer.has("enum")) {
                List<String> values = new ArrayList<>();
                layer.get("enum").forEach(v -> values.add(Markdown.code(literal(v))));
                allowed.add("one of " + String.join(", ", values));
            }
            range(layer, "minimum", "maximum", "", "").ifPresent(allowed::add);
            range(layer, "minLength", "maxLength", "length ", "").ifPresent(allowed::add);
            range(layer, "minItems", "maxItems", "", " items").ifPresent(allowed::add);
            if (layer.has("pattern")) {
                String pattern = layer.get("pattern").asText();
                // Patterns that spell out dates or cron fields run to hundreds of characters: the CRD has them.
                allowed.add(pattern.length() > LONG_PATTERN ? "a pattern of " + pattern.length() + " characters (in `crds/`)"
                        : "pattern " + Markdown.code(pattern));
            }
        }
        return String.join("; ", allowed);
    }

    private static Optional<String> range(JsonNode s, String minKey, String maxKey, String before, String after) {
        String bounds;
        if (s.has(minKey) && s.has(maxKey)) {
            bounds = literal(s.get(minKey)) + " to " + literal(s.get(maxKey));
        } else if (s.has(minKey)) {
            bounds = "at least " + literal(s.get(minKey));
        } else if (s.has(maxKey)) {
            bounds = "at most " + literal(s.get(maxKey));
        } else {
            return Optional.empty();
        }
        return Optional.of(before + bounds + after);
    }

    private static String defaultValue(JsonNode schema) {
        return schema.has("default") ? Markdown.code(literal(schema.get("default"))) : "";
    }

    /** A value as a user writes it: the CRD generator stores integer bounds as doubles (maximum: 2.68435456E8). */
    private static String literal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
