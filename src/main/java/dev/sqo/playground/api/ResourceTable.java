package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side tables behind {@code kubectl get}: a {@code meta.k8s.io/v1 Table} of the objects of a list (or of
 * one object), with the columns a real API server gives. For a custom resource they are the CRD's
 * additionalPrinterColumns, so {@code kubectl get sq} shows what it shows on a cluster.
 */
public final class ResourceTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS).build();

    private static final TableColumn AGE = new TableColumn("Age", "date",
            "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
            o -> o.path("metadata").path("creationTimestamp").asText(null));

    private ResourceTable() {
    }

    /** The columns of a CustomResourceDefinition version: Name, then its additionalPrinterColumns (Age by default). */
    public static List<TableColumn> columnsOf(JsonNode crdVersion) {
        JsonNode printerColumns = crdVersion.path("additionalPrinterColumns");
        if (printerColumns.isEmpty()) {
            return List.of(AGE);
        }
        List<TableColumn> columns = new ArrayList<>();
        for (JsonNode c : printerColumns) {
            String jsonPath = "$" + c.path("jsonPath").asText();
            columns.add(new TableColumn(c.path("name").asText(), c.path("type").asText("string"), c.path("description").asText(""),
                    c.path("priority").asInt(0), o -> first(JsonPath.using(JSON_PATH).parse(o).read(jsonPath))));
        }
        return columns;
    }

    /** The columns of the built-in kinds, as the API server's own table printers show them. */
    public static List<TableColumn> columnsOf(ApiResource builtIn) {
        return switch (builtIn.plural()) {
            case "deployments", "statefulsets", "replicasets" -> List.of(
                    new TableColumn("Ready", "string", "Number of the pod with ready state", 0,
                            o -> o.path("status").path("readyReplicas").asInt(0) + "/" + o.path("spec").path("replicas").asInt(1)),
                    new TableColumn("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", 0,
                            o -> o.path("status").path("updatedReplicas").asInt(0)),
                    new TableColumn("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", 0,
                            o -> o.path("status").path("availableReplicas").asInt(0)),
                    AGE);
            case "pods" -> List.of(
                    new TableColumn("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", 0, ResourceTable::podReady),
                    new TableColumn("Status", "string", "The aggregate status of the containers in this pod.", 0,
                            o -> o.path("status").path("phase").asText("Pending")),
                    new TableColumn("Restarts", "integer", "The number of times the containers in this pod have been restarted.", 0,
                            o -> 0),
                    AGE,
                    new TableColumn("Node", "string", "The name of the node the pod is assigned to.", 1,
                            o -> o.path("spec").path("nodeName").asText("<none>")));
            case "events" -> List.of(
                    new TableColumn("Last Seen", "date", "Time since the event was last seen.", 0,
                            o -> o.path("lastTimestamp").asText(o.path("eventTime").asText(null))),
                    new TableColumn("Type", "string", "Type of this event.", 0, o -> o.path("type").asText("")),
                    new TableColumn("Reason", "string", "Why the event happened.", 0, o -> o.path("reason").asText("")),
                    new TableColumn("Object", "string", "The object the event is about.", 0,
                            o -> o.path("involvedObject").path("kind").asText("").toLowerCase() + "/"
                                    + o.path("involvedObject").path("name").asText("")),
                    new TableColumn("Message", "string", "A human-readable description of the event.", 0,
                            o -> o.path("message").asText("")));
            case "nodes" -> List.of(
                    new TableColumn("Status", "string", "The status of the node.", 0, o -> "Ready"),
                    new TableColumn("Roles", "string", "The roles of the node.", 0, o -> "<none>"),
                    AGE,
                    new TableColumn("Version", "string", "Kubelet version.", 0,
                            o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")));
            default -> List.of(AGE);
        };
    }

    /** A Table of the items of a list response, or of one object. */
    public static String render(JsonNode listOrObject, List<TableColumn> columns, Instant now) {
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", listOrObject.path("metadata").path("resourceVersion").asText(""));
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name must be unique within a namespace.").put("priority", 0);
        for (TableColumn c : columns) {
            definitions.addObject().put("name", c.name()).put("type", "date".equals(c.type()) ? "string" : c.type())
                    .put("format", "").put("description", c.description()).put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        JsonNode items = listOrObject.has("items") ? listOrObject.path("items") : JSON.createArrayNode().add(listOrObject);
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells").add(item.path("metadata").path("name").asText());
            for (TableColumn c : columns) {
                Object value = c.value().apply(item);
                if ("date".equals(c.type())) {
                    value = value == null ? null : age(value.toString(), now);
                }
                cells.add(JSON.valueToTree(value));
            }
            row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
                    .set("metadata", item.path("metadata"));
        }
        return table.toString();
    }

    private static Object first(JsonNode result) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            return null;
        }
        if (result.isArray()) {
            return result.isEmpty() ? null : first(result.get(0));
        }
        return JSON.convertValue(result, Object.class);
    }

    private static Object podReady(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        int ready = 0;
        for (JsonNode s : statuses) {
            ready += s.path("ready").asBoolean() ? 1 : 0;
        }
        return ready + "/" + Math.max(statuses.size(), pod.path("spec").path("containers").size());
    }

    /** Kubernetes' short human duration: 45s, 3m20s, 17m, 5h3m, 20h, 3d4h, 12d. */
    static String age(String timestamp, Instant now) {
        if (timestamp == null) {
            return "<unknown>";
        }
        Duration d;
        try {
            d = Duration.between(Instant.parse(timestamp), now);
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        if (days < 8) {
            return days + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
        }
        return days + "d";
    }
}
