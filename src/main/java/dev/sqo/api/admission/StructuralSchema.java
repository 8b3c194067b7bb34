package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The OpenAPI schema checks of a CRD, in the order the API server makes them on a create: nulls pruned, defaults
 * applied, unknown fields refused (kubectl asks for strict field validation), then types, required fields, enums,
 * sizes, patterns and bounds. Works on the object in place, which ends up as the API server would store it.
 */
final class StructuralSchema {

    /**
     * The schema keywords this check implements (description only documents). A CRD using any other fails to load
     * rather than be judged more leniently than the API server would judge it.
     */
    private static final Set<String> KEYWORDS = Set.of("type", "description", "properties", "required", "items",
            "additionalProperties", "default", "nullable", "enum", "pattern", "minLength", "maxLength", "minItems", "maxItems",
            "maxProperties", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "x-kubernetes-validations",
            "x-kubernetes-preserve-unknown-fields");

    private final JsonNode root;

    StructuralSchema(JsonNode openApiV3Schema) {
        this.root = openApiV3Schema;
        requireKnownKeywords(root, "openAPIV3Schema");
    }

    private static void requireKnownKeywords(JsonNode schema, String at) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalStateException(at + " uses " + keyword + ", which sqo's admission check does not implement");
            }
        }
        schema.path("properties").fields().forEachRemaining(p -> requireKnownKeywords(p.getValue(), at + "." + p.getKey()));
        if (schema.path("items").isObject()) {
            requireKnownKeywords(schema.get("items"), at + "[]");
        }
        if (schema.path("additionalProperties").isObject()) {
            requireKnownKeywords(schema.get("additionalProperties"), at + "{}");
        }
    }

    JsonNode root() {
        return root;
    }

    /** Every object has these, whether the CRD's schema names them or not. */
    private static final Set<String> TYPE_AND_OBJECT_META = Set.of("apiVersion", "kind", "metadata");

    void check(ObjectNode object, List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            // metadata is checked as ObjectMeta (ObjectMetaCheck); apiVersion and kind picked the CRD in the first place.
            if (!TYPE_AND_OBJECT_META.contains(p.getKey())) {
                property(object, p.getKey(), p.getValue(), p.getKey(), errors);
            }
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!root.path("properties").has(name) && !TYPE_AND_OBJECT_META.contains(name)) {
                errors.add(new FieldError(name, FieldError.Type.UNKNOWN_FIELD, "unknown field \"" + name + "\""));
                it.remove();
            }
        }
    }

    /** A property of an object: pruned when null, defaulted when absent, then checked. */
    private void property(ObjectNode parent, String name, JsonNode schema, String path, List<FieldError> errors) {
        if (parent.has(name) && parent.get(name).isNull() && !schema.path("nullable").asBoolean()) {
            parent.remove(name);
        }
        if (!parent.has(name) && schema.has("default")) {
            parent.set(name, schema.get("default").deepCopy());
        }
        if (parent.has(name)) {
            value(parent.get(name), schema, path, errors);
        }
    }

    private void value(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (value.isNull() && schema.path("nullable").asBoolean()) {
            return;
        }
        String type = schema.path("type").asText("");
        if (!hasType(value, type)) {
            errors.add(new FieldError(path, FieldError.Type.TYPE_INVALID,
                    "Invalid value: \"" + typeOf(value) + "\": must be of type " + type));
            return;
        }
        switch (type) {
            case "object" -> object((ObjectNode) value, schema, path, errors);
            case "array" -> array((ArrayNode) value, schema, path, errors);
            case "string" -> string(value.asText(), schema, path, errors);
            case "integer", "number" -> number(value, schema, path, errors);
            default -> {
            }
        }
        JsonNode allowed = schema.path("enum");
        if (!allowed.isMissingNode() && !contains(allowed, value)) {
            List<String> values = new ArrayList<>();
            allowed.forEach(a -> values.add(a.toString()));
            errors.add(new FieldError(path, FieldError.Type.NOT_SUPPORTED,
                    "Unsupported value: " + value + ": supported values: " + String.join(", ", values)));
        }
    }

    private void object(ObjectNode value, JsonNode schema, String path, List<FieldError> errors) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            property(value, p.getKey(), p.getValue(), path + "." + p.getKey(), errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (properties.has(field.getKey())) {
                continue;
            }
            if (additional.isObject() && field.getValue().isNull() && !additional.path("nullable").asBoolean()) {
                it.remove(); // pruned like a property's null; a list item's null is refused instead
            } else if (additional.isObject()) {
                value(field.getValue(), additional, path + "[" + field.getKey() + "]", errors);
            } else if (!preserve) {
                errors.add(new FieldError(path + "." + field.getKey(), FieldError.Type.UNKNOWN_FIELD,
                        "unknown field \"" + path + "." + field.getKey() + "\""));
                it.remove();
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(new FieldError(path + "." + required.asText(), FieldError.Type.REQUIRED, "Required value"));
            }
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            errors.add(new FieldError(path, FieldError.Type.TOO_MANY,
                    "Too many: " + value.size() + ": must have at most " + schema.get("maxProperties").asInt() + " items"));
        }
    }

    private void array(ArrayNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(new FieldError(path, FieldError.Type.TOO_MANY,
                    "Too many: " + value.size() + ": must have at most " + schema.get("maxItems").asInt() + " items"));
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(new FieldError(path, FieldError.Type.INVALID,
                    "Invalid value: " + value.size() + ": should have at least " + schema.get("minItems").asInt() + " items"));
        }
        JsonNode items = schema.path("items");
        for (int i = 0; i < value.size(); i++) {
            value(value.get(i), items, path + "[" + i + "]", errors);
        }
    }

    private static void string(String value, JsonNode schema, String path, List<FieldError> errors) {
        // Counted in characters (runes), as the API server counts them; its message says bytes all the same.
        int characters = value.codePointCount(0, value.length());
        if (schema.has("maxLength") && characters > schema.get("maxLength").asInt()) {
            errors.add(new FieldError(path, FieldError.Type.TOO_LONG,
                    "Too long: may not be more than " + schema.get("maxLength").asInt() + " bytes"));
            return;
        }
        if (schema.has("minLength") && characters < schema.get("minLength").asInt()) {
            errors.add(FieldError.invalid(path, value, "should be at least " + schema.get("minLength").asInt() + " chars long"));
        }
        if (schema.has("pattern") && !matches(schema.get("pattern").asText(), value)) {
            errors.add(FieldError.invalid(path, value, "should match '" + schema.get("pattern").asText() + "'"));
        }
    }

    private static void number(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        double v = value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean();
            if (exclusive ? v <= min : v < min) {
                errors.add(new FieldError(path, FieldError.Type.INVALID, "Invalid value: " + value + ": should be greater than "
                        + (exclusive ? "" : "or equal to ") + schema.get("minimum")));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean();
            if (exclusive ? v >= max : v > max) {
                errors.add(new FieldError(path, FieldError.Type.INVALID, "Invalid value: " + value + ": should be less than "
                        + (exclusive ? "" : "or equal to ") + schema.get("maximum")));
            }
        }
    }

    /** As the API server reads JSON: an integer is a number too, and a whole number written 10.0 is an integer. */
    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                    && Double.isFinite(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "null";
    }

    /** Go's regexp (RE2) finds the pattern anywhere in the value, as Java's find() does, for the patterns CRDs use. */
    private static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).find();
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("the CRD's pattern does not compile: " + pattern, e);
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

}
