package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/** What the API server requires of a custom resource's metadata: a name that is a DNS subdomain, a namespace label. */
final class ObjectMetaCheck {

    private static final String SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    private ObjectMetaCheck() {
    }

    static void check(JsonNode metadata, boolean namespaced, List<FieldError> errors) {
        JsonNode name = metadata.path("name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            if (!metadata.path("generateName").isTextual()) {
                errors.add(new FieldError("metadata.name", FieldError.Type.REQUIRED, "Required value: name or generateName is required"));
            }
        } else if (name.asText().length() > 253 || !Pattern.matches(SUBDOMAIN, name.asText())) {
            errors.add(FieldError.invalid("metadata.name", name.asText(), "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must"
                    + " start and end with an alphanumeric character (e.g. 'example.com')"));
        }
        JsonNode namespace = metadata.path("namespace");
        if (namespaced && namespace.isTextual() && (namespace.asText().length() > 63 || !Pattern.matches(LABEL, namespace.asText()))) {
            errors.add(FieldError.invalid("metadata.namespace", namespace.asText(), "a lowercase RFC 1123 label must consist of lower case alphanumeric"
                    + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name')"));
        }
    }
}
