package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CRD's x-kubernetes-validations, evaluated as the API server evaluates them: each rule where its value is present,
 * with {@code self} typed by the schema. A rule that errors (a missing field read, a bad conversion) is reported as the
 * API server reports it, "... evaluating rule: ...", which is never a helpful answer: the CRD's own tests look for it.
 */
final class ValidationRules {

    /** The API server's list of CEL's reserved words ("namespace" among them), which property names must not be. */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue", "else",
            "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

    private final KubernetesCel cel = new KubernetesCel();
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Every rule of the schema compiles in the API server's environment, or this names the first that does not. */
    List<String> rules(JsonNode schema) {
        List<String> out = new ArrayList<>();
        collect(schema, out);
        out.forEach(this::program);
        return out;
    }

    void check(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (rule.path("rule").asText().contains("oldSelf")) {
                continue; // transition rules judge updates; sqo's CLI and operator judge objects on their own
            }
            evaluate(rule, schema, value, path + rule.path("fieldPath").asText(""), errors);
        }
        JsonNode properties = schema.path("properties");
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), join(path, field.getKey()), errors);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), field.getValue(), path + "[" + field.getKey() + "]", errors);
                }
            }
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private void evaluate(JsonNode rule, JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        String expression = rule.path("rule").asText();
        String type = schema.path("type").asText();
        Object result;
        try {
            result = program(expression).eval(Map.of("self", toCel(schema, value)));
        } catch (CelEvaluationException e) {
            errors.add(new FieldError(path, FieldError.Type.RULE_ERROR,
                    "Invalid value: \"" + type + "\": " + e.getMessage() + " evaluating rule: " + expression));
            return;
        }
        if (!Boolean.TRUE.equals(result)) {
            String message = rule.path("message").asText("failed rule: " + expression);
            errors.add(new FieldError(path, FieldError.Type.INVALID, "Invalid value: \"" + type + "\": " + message));
        }
    }

    private CelRuntime.Program program(String rule) {
        return programs.computeIfAbsent(rule, r -> {
            try {
                return cel.compile(r);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalStateException("the CRD's rule does not compile as the API server would: " + r + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * JSON to CEL values the way the API server types them: schema numbers are doubles, integers are longs, and
     * property names that CEL reserves or cannot spell are escaped ({@code for} is {@code self.__for__}).
     */
    private static Object toCel(JsonNode schema, JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.fields().forEachRemaining(e -> {
                boolean property = properties.has(e.getKey());
                map.put(property ? escape(e.getKey()) : e.getKey(), toCel(property ? properties.get(e.getKey()) : additional, e.getValue()));
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(toCel(schema.path("items"), item)));
            return list;
        }
        if (value.isNumber()) {
            return "integer".equals(schema.path("type").asText()) ? (Object) value.asLong() : (Object) value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNull()) {
            return NullValue.NULL_VALUE; // a nullable field's null: CEL's null, not the text "null"
        }
        return value.asText();
    }

    private static String escape(String property) {
        if (RESERVED.contains(property)) {
            return "__" + property + "__";
        }
        return property.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__").replace("/", "__slash__");
    }

    private static void collect(JsonNode schema, List<String> out) {
        schema.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText()));
        schema.path("properties").forEach(p -> collect(p, out));
        if (schema.has("items")) {
            collect(schema.get("items"), out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(schema.get("additionalProperties"), out);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
