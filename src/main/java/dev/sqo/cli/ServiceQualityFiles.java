package dev.sqo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SqoApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the ServiceQuality documents of a YAML or JSON file, strictly: an unknown field is an error, by path. */
final class ServiceQualityFiles {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ServiceQualityFiles() {
    }

    /** Problems with a file: the message names the file, the document and the field. */
    static final class InvalidFileException extends Exception {
        InvalidFileException(String message) {
            super(message);
        }
    }

    static List<ServiceQuality> read(Path file) throws InvalidFileException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(Files.newBufferedReader(file))) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFileException(file + ": cannot be read: " + e.getMessage());
        }
        List<ServiceQuality> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = documents.get(i);
            if (doc == null || doc.isNull() || !"ServiceQuality".equals(doc.path("kind").asText())) {
                continue;
            }
            String where = file + ": document " + (i + 1) + " (ServiceQuality " + doc.path("metadata").path("name").asText("?") + ")";
            if (!SqoApi.API_VERSION.equals(doc.path("apiVersion").asText())) {
                throw new InvalidFileException(where + ": apiVersion must be " + SqoApi.API_VERSION);
            }
            try {
                out.add(STRICT.treeToValue(doc, ServiceQuality.class));
            } catch (JsonMappingException e) {
                throw new InvalidFileException(where + ": field " + path(e) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new InvalidFileException(where + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidFileException(file + ": no ServiceQuality (apiVersion " + SqoApi.API_VERSION + ") in it");
        }
        return out;
    }

    /**
     * The Deployments and StatefulSets in the file, by namespace/Kind/name, so that a ServiceQuality's target can be
     * sized without a cluster. A workload without a namespace is in "default", as kubectl would create it.
     */
    static Map<String, WorkloadShape> workloads(Path file) throws InvalidFileException {
        Map<String, WorkloadShape> out = new HashMap<>();
        try (var parser = new YAMLFactory().createParser(Files.newBufferedReader(file))) {
            var values = YAML.readValues(parser, JsonNode.class);
            int i = 0;
            while (values.hasNextValue()) {
                JsonNode doc = values.nextValue();
                i++;
                String kind = doc == null ? "" : doc.path("kind").asText();
                if (!"apps/v1".equals(doc == null ? null : doc.path("apiVersion").asText())
                        || !(kind.equals("Deployment") || kind.equals("StatefulSet"))) {
                    continue;
                }
                HasMetadata workload = kind.equals("Deployment") ? YAML.treeToValue(doc, Deployment.class)
                        : YAML.treeToValue(doc, StatefulSet.class);
                if (workload.getMetadata() == null || workload.getMetadata().getName() == null) {
                    throw new InvalidFileException(file + ": document " + i + " (" + kind + "): metadata.name is required");
                }
                String ns = workload.getMetadata().getNamespace() == null ? "default" : workload.getMetadata().getNamespace();
                workload.getMetadata().setNamespace(ns);
                try {
                    out.put(ns + "/" + kind + "/" + workload.getMetadata().getName(), WorkloadReader.fromManifest(workload));
                } catch (RuntimeException e) {
                    throw new InvalidFileException(file + ": document " + i + " (" + kind + " " + workload.getMetadata().getName()
                            + "): spec.template.spec.containers is required");
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(file + ": not a valid workload manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFileException(file + ": cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
