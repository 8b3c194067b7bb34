package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges an object exactly as the API server's admission judges a create of it, from sqo's own CRD (packaged in the
 * jar, the same file users apply): metadata, the OpenAPI schema with its defaults, and the CEL rules. The CLI,
 * the operator (for objects that reached the cluster past an older CRD) and tests share this one judge.
 */
public final class CrdValidator {

    private static final ObjectMapper YAML = new YAMLMapper();

    private static final CrdValidator SERVICE_QUALITIES = load("/crds/servicequalities.sqo.dev-v1.yml");
    private static final CrdValidator NODE_TUNING_PROFILES = load("/crds/nodetuningprofiles.sqo.dev-v1.yml");

    private final StructuralSchema schema;
    private final ValidationRules rules = new ValidationRules();
    private final boolean namespaced;
    private final boolean statusSubresource;

    /** The object as the API server would store it (defaults applied, unknown fields pruned) and what it refuses. */
    public record Review(ObjectNode object, List<FieldError> errors) {
        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    private CrdValidator(JsonNode crd) {
        JsonNode version = crd.at("/spec/versions/0");
        this.schema = new StructuralSchema(version.at("/schema/openAPIV3Schema"));
        this.namespaced = "Namespaced".equals(crd.at("/spec/scope").asText());
        this.statusSubresource = version.at("/subresources/status").isObject();
        rules.rules(schema.root());
    }

    public static CrdValidator serviceQualities() {
        return SERVICE_QUALITIES;
    }

    public static CrdValidator nodeTuningProfiles() {
        return NODE_TUNING_PROFILES;
    }

    static CrdValidator load(String resource) {
        try (InputStream in = CrdValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new CrdValidator(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the kind lives in namespaces, as the CRD's scope says. */
    public boolean namespaced() {
        return namespaced;
    }

    /** Every CEL rule of the CRD; each compiles with the functions the API server offers (see {@link KubernetesCel}). */
    public List<String> rules() {
        return rules.rules(schema.root());
    }

    public Review review(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (statusSubresource) {
            copy.remove("status"); // a create through the main endpoint drops it; only the status subresource writes it
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode metadata = copy.path("metadata");
        if (metadata.isObject() && !metadata.has("name") && metadata.path("generateName").isTextual()) {
            // The API server names the object before it validates it, so rules may read the name.
            ((ObjectNode) metadata).put("name", metadata.get("generateName").asText() + "xxxxx");
        }
        ObjectMetaCheck.check(metadata, namespaced, errors);
        schema.check(copy, errors);
        if (errors.stream().anyMatch(e -> e.type().blocksRules())) {
            errors.add(new FieldError("", FieldError.Type.INVALID, "some validation rules were not checked because the object "
                    + "was invalid; correct the existing errors to complete validation"));
        } else {
            rules.check(schema.root(), copy, "", errors);
        }
        return new Review(copy, errors);
    }
}
