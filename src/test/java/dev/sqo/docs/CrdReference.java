package dev.sqo.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRD reference (docs/crd-reference.md): what each custom resource is called, what kubectl get shows of it,
 * and every field of its schema. Generated from the CRD files, so that it cannot drift from what the API server
 * enforces.
 */
final class CrdReference {

    static final String REGENERATE = "./mvnw test -Dtest=CrdReferenceTest -Dsqo.docs.update=true";

    private static final ObjectMapper YAML = new YAMLMapper();

    private CrdReference() {
    }

    static String render(List<Path> crdFiles) throws IOException {
        List<JsonNode> crds = new ArrayList<>();
        for (Path file : crdFiles) {
            crds.add(YAML.readTree(file.toFile()));
        }
        StringBuilder md = new StringBuilder();
        md.append("> Generated from `crds/` by `CrdReferenceTest`; do not edit by hand. After changing the CRDs, run `")
                .append(REGENERATE).append("` and commit the result.\n\n");
        md.append("""
                # CRD reference

                Every field of sqo's custom resources, from the OpenAPI schemas of the CRDs in `crds/`. In a field's
                path, `[]` is an element of a list. *Required* fields are required whenever the object holding them
                is set. *Rules* are the CEL validations the API server applies at admission: their message is what
                `kubectl apply` reports when it refuses a resource.

                """);
        for (JsonNode crd : crds) {
            String kind = crd.at("/spec/names/kind").asText();
            md.append("- [").append(kind).append("](#").append(kind.toLowerCase()).append(")\n");
        }
        for (JsonNode crd : crds) {
            for (JsonNode version : crd.at("/spec/versions")) {
                appendVersion(crd.get("spec"), version, md);
            }
        }
        return md.toString();
    }

    private static void appendVersion(JsonNode spec, JsonNode version, StringBuilder md) {
        JsonNode names = spec.get("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add("`" + n.asText() + "`"));
        md.append("\n## ").append(names.get("kind").asText()).append("\n\n")
                .append("- API version: `").append(spec.get("group").asText()).append('/')
                .append(version.get("name").asText()).append("`\n")
                .append("- Scope: ").append(spec.get("scope").asText()).append('\n')
                .append("- Plural: `").append(names.get("plural").asText()).append("`\n");
        if (!shortNames.isEmpty()) {
            md.append("- Short names: ").append(String.join(", ", shortNames)).append('\n');
        }
        appendPrinterColumns(shortNames.isEmpty() ? names.get("plural").asText() : names.at("/shortNames/0").asText(),
                version.path("additionalPrinterColumns"), md);
        version.at("/schema/openAPIV3Schema/properties").fields()
                .forEachRemaining(section -> appendSection(section.getKey(), section.getValue(), md));
    }

    private static void appendPrinterColumns(String resource, JsonNode columns, StringBuilder md) {
        if (columns.isEmpty()) {
            return;
        }
        md.append("\n`kubectl get ").append(resource).append("` shows:\n\n")
                .append("| Column | From | Type |\n|---|---|---|\n");
        for (JsonNode column : columns) {
            // Columns with a priority above 0 appear only in kubectl's wide output.
            String wide = column.path("priority").asInt() > 0 ? " (with `-o wide`)" : "";
            md.append("| ").append(Markdown.text(column.get("name").asText())).append(wide)
                    .append(" | ").append(Markdown.code(column.get("jsonPath").asText()))
                    .append(" | ").append(column.get("type").asText()).append(" |\n");
        }
    }

    /** A top-level field, spec or status: a heading, its description and rules, and the table of its fields. */
    private static void appendSection(String name, JsonNode schema, StringBuilder md) {
        md.append("\n### ").append(name).append("\n\n");
        String description = FieldTable.describe(schema);
        if (!description.isEmpty()) {
            md.append(description).append("\n\n");
        }
        md.append(FieldTable.render(name, schema));
    }
}
