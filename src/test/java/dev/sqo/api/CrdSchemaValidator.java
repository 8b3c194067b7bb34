package dev.sqo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the API server checks at admission, for tests: the mock API server checks nothing. Evaluates the
 * checked-in CRD's x-kubernetes-validations with CEL (with the Kubernetes strings library), plus required fields
 * and patterns, against a resource.
 */
final class CrdSchemaValidator {

    private static final ObjectMapper YAML = new YAMLMapper();

    private final JsonNode schema;
    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addLibraries(CelExtensions.strings())
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();

    CrdSchemaValidator(Path crd) throws IOException {
        this.schema = YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
    }

    List<String> rules() {
        List<String> out = new ArrayList<>();
        collectRules(schema, out);
        return out;
    }

    List<String> violations(JsonNode resource) {
        List<String> out = new ArrayList<>();
        validate(schema, resource, "", out);
        return out;
    }

    private void validate(JsonNode s, JsonNode value, String path, List<String> out) {
        if (value == null || value.isNull()) {
            return;
        }
        if (s.has("pattern") && value.isTextual() && !Pattern.compile(s.get("pattern").asText()).matcher(value.asText()).find()) {
            out.add(path + ": does not match " + s.get("pattern").asText());
        }
        for (JsonNode req : s.path("required")) {
            if (!value.has(req.asText())) {
                out.add(path + "." + req.asText() + ": Required value");
            }
        }
        if (s.has("minimum") && value.isNumber() && value.asDouble() < s.get("minimum").asDouble()) {
            out.add(path + ": should be greater than or equal to " + s.get("minimum").asText());
        }
        if (s.has("maximum") && value.isNumber() && value.asDouble() > s.get("maximum").asDouble()) {
            out.add(path + ": should be less than or equal to " + s.get("maximum").asText());
        }
        if (s.has("enum") && !s.get("enum").toString().contains(value.toString())) {
            out.add(path + ": Unsupported value: " + value + ": supported values: " + s.get("enum"));
        }
        if (s.has("properties") && value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                // The API server applies defaults before it validates, so rules may rely on defaulted fields.
                if (p.getValue().has("default") && !value.has(p.getKey())) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) value).set(p.getKey(), p.getValue().get("default"));
                }
                validate(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), out);
            }
        }
        if (s.has("items") && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                validate(s.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
        for (JsonNode rule : s.path("x-kubernetes-validations")) {
            if (!Boolean.TRUE.equals(evaluate(rule.get("rule").asText(), toCel(s, value)))) {
                out.add(path + ": " + rule.get("message").asText());
            }
        }
    }

    private Object evaluate(String rule, Object self) {
        try {
            return runtime.createProgram(compiler.compile(rule).getAst()).eval(Map.of("self", self));
        } catch (Exception e) {
            throw new IllegalStateException("CEL rule does not evaluate: " + rule, e);
        }
    }

    /** JSON to CEL values the way the API server types them: schema numbers are doubles, integers are longs. */
    private static Object toCel(JsonNode s, JsonNode v) {
        String type = s.path("type").asText();
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            JsonNode props = s.path("properties");
            v.fields().forEachRemaining(e -> m.put(e.getKey(), toCel(props.path(e.getKey()), e.getValue())));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(item -> l.add(toCel(s.path("items"), item)));
            return l;
        }
        if (v.isNumber()) {
            return "integer".equals(type) ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }

    private static void collectRules(JsonNode s, List<String> out) {
        s.path("x-kubernetes-validations").forEach(r -> out.add(r.get("rule").asText()));
        s.path("properties").forEach(p -> collectRules(p, out));
        if (s.has("items")) {
            collectRules(s.get("items"), out);
        }
    }
}
