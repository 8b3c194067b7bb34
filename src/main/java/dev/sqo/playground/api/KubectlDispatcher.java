package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * fabric8's CRUD mock API server, extended with what a real kubectl and the operator need from an API server:
 * version and discovery, server-side tables, field selectors, the scale subresource, and the patch types the
 * mock lacks. Strategic merge patches are applied as JSON merge patches and server-side apply as a merge of the
 * applied fields (for {@code /status}, a replacement of the status): close enough for kubectl apply of whole
 * manifests and for a single status writer, which is all the playground has.
 */
public final class KubectlDispatcher extends Dispatcher {

    private static final System.Logger LOG = System.getLogger(KubectlDispatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String AUTHORIZATION = "/apis/authorization.k8s.io/v1/";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final KubernetesCrudDispatcher store;
    private final String kubernetesVersion;
    private final Clock clock;

    public KubectlDispatcher(KubernetesCrudDispatcher store, String kubernetesVersion, Clock clock) {
        this.store = store;
        this.kubernetesVersion = kubernetesVersion;
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        URI uri = URI.create(request.getPath());
        String path = uri.getRawPath().replaceFirst("/$", "");
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            // Typed kubectl commands (create namespace, create deployment, ...) send protobuf, which only a real API server reads.
            return status(415, "UnsupportedMediaType",
                    "the sqo playground reads JSON and YAML only: use kubectl apply -f with a manifest instead of kubectl create <kind>");
        }
        try {
            return switch (request.method()) {
                case GET -> get(request, uri, path);
                case PATCH -> path.endsWith("/scale") ? scale(path, patchedReplicas(request)) : patch(request, path);
                case PUT -> path.endsWith("/scale") ? scale(path, replicasOf(request.getUtf8Body())) : store.dispatch(request);
                case POST -> path.startsWith(AUTHORIZATION) ? allowed(path, request.getUtf8Body()) : store.dispatch(request);
                default -> store.dispatch(request);
            };
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return status(400, "BadRequest", e.getMessage());
        } catch (RuntimeException e) {
            // An answer, not a hung connection: kubectl and the operator both retry or report a 500.
            LOG.log(System.Logger.Level.WARNING, "playground API: " + request.getRequestLine(), e);
            return status(500, "InternalError", e.toString());
        }
    }

    private MockResponse get(RecordedRequest request, URI uri, String path) {
        if (path.equals("/version")) {
            return json(200, JSON.createObjectNode().put("major", major()).put("minor", minor()).put("gitVersion", kubernetesVersion)
                    .put("platform", "linux/amd64").toString());
        }
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return new MockResponse().setResponseCode(200).setBody("ok");
        }
        if (path.equals("/openapi/v2")) {
            // kubectl validates manifests against this document before it applies them. An empty one (zero bytes
            // of protobuf) has no schema for any kind, and kubectl then skips client-side validation.
            return new MockResponse().setResponseCode(200)
                    .setHeader("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf").setBody(new byte[0]);
        }
        if (path.startsWith("/openapi")) {
            // kubectl falls back from OpenAPI v3 to v2.
            return status(404, "NotFound", "the playground serves OpenAPI v2 only");
        }
        ApiDiscovery discovery = discovery();
        if (path.equals("/api")) {
            return json(200, discovery.apiVersions(uri.getAuthority() == null ? "127.0.0.1" : uri.getAuthority()));
        }
        if (path.equals("/apis")) {
            return json(200, discovery.groupList());
        }
        String[] parts = path.substring(1).split("/");
        if ((parts[0].equals("api") && parts.length == 2) || (parts[0].equals("apis") && parts.length == 3)) {
            String groupVersion = parts[0].equals("api") ? parts[1] : parts[1] + "/" + parts[2];
            return discovery.resourceList(groupVersion).map(body -> json(200, body))
                    .orElseGet(() -> status(404, "NotFound", "the server could not find the requested resource"));
        }
        if (path.endsWith("/scale")) {
            return scale(path, null);
        }
        String fieldSelector = queryParameter(uri, "fieldSelector");
        if (isWatch(uri)) {
            return store.dispatch(request);
        }
        // The mock reads field selectors as labels of its own and then matches nothing; they are applied here instead.
        MockResponse response = store.dispatch(fieldSelector == null ? request : get(withoutFieldSelector(uri)));
        if (response.code() != 200) {
            return response;
        }
        JsonNode body = read(response.getBody().readUtf8());
        if (fieldSelector != null && body.has("items")) {
            body = FieldSelector.parse(fieldSelector).filter(body);
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("as=Table")) {
            Optional<List<TableColumn>> columns = columns(discovery, path);
            if (columns.isPresent()) {
                return json(200, ResourceTable.render(body, columns.get(), clock.instant()));
            }
        }
        return json(200, body.toString());
    }

    private MockResponse patch(RecordedRequest request, String path) {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/strategic-merge-patch+json")) {
            return store.dispatch(withBody(request, path, MERGE_PATCH, request.getUtf8Body()));
        }
        if (contentType != null && contentType.startsWith("application/apply-patch+yaml")) {
            return apply(request, path);
        }
        return store.dispatch(request);
    }

    /** Server-side apply, as far as one field manager per object needs it. */
    private MockResponse apply(RecordedRequest request, String path) {
        ObjectNode applied;
        try {
            applied = (ObjectNode) YAML.readTree(request.getUtf8Body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MockResponse current = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                request.getHeaders(), new Buffer()));
        if (current.code() == 404 && !path.endsWith("/status")) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            return store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection,
                    request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                    new Buffer(applied.toString().getBytes(StandardCharsets.UTF_8))));
        }
        if (path.endsWith("/status")) {
            // The status belongs to its one writer: what it applies now is the whole status.
            ObjectNode op = JSON.createObjectNode().put("op", "add").put("path", "/status");
            op.set("value", applied.path("status"));
            return store.dispatch(withBody(request, path, JSON_PATCH, JSON.createArrayNode().add(op).toString()));
        }
        ((ObjectNode) applied.path("metadata")).remove("resourceVersion");
        return store.dispatch(withBody(request, path, MERGE_PATCH, applied.toString()));
    }

    /**
     * The playground has no RBAC: every access review says yes. The operator's leader election checks its access
     * to Leases this way before it starts, and {@code kubectl auth can-i} asks the same.
     */
    private static MockResponse allowed(String path, String body) {
        ObjectNode review = (ObjectNode) read(body);
        if (path.endsWith("/selfsubjectrulesreviews")) {
            ObjectNode status = review.putObject("status").put("incomplete", false);
            ObjectNode resources = status.putArray("resourceRules").addObject();
            for (String field : List.of("verbs", "apiGroups", "resources")) {
                resources.putArray(field).add("*");
            }
            ObjectNode urls = status.putArray("nonResourceRules").addObject();
            urls.putArray("verbs").add("*");
            urls.putArray("nonResourceURLs").add("*");
        } else {
            review.putObject("status").put("allowed", true).put("reason", "the sqo playground has no RBAC");
        }
        return json(201, review.toString());
    }

    /** Reads or sets spec.replicas of a Deployment or StatefulSet through its scale subresource. */
    private MockResponse scale(String path, Integer replicas) {
        String objectPath = path.substring(0, path.length() - "/scale".length());
        MockResponse current = store.dispatch(get(objectPath));
        if (current.code() != 200) {
            return current;
        }
        JsonNode object = read(current.getBody().readUtf8());
        if (replicas != null) {
            ObjectNode op = JSON.createObjectNode().put("op", "add").put("path", "/spec/replicas").put("value", replicas);
            MockResponse patched = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, objectPath,
                    io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", JSON_PATCH).build(),
                    new Buffer(JSON.createArrayNode().add(op).toString().getBytes(StandardCharsets.UTF_8))));
            if (patched.code() >= 300) {
                return patched;
            }
            object = read(patched.getBody().readUtf8());
        }
        ObjectNode scale = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").path(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0))
                .put("selector", selector(object.path("spec").path("selector").path("matchLabels")));
        return json(200, scale.toString());
    }

    private static String selector(JsonNode matchLabels) {
        List<String> terms = new ArrayList<>();
        matchLabels.fields().forEachRemaining(e -> terms.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", terms);
    }

    private static Integer patchedReplicas(RecordedRequest request) {
        String body = request.getUtf8Body();
        JsonNode patch = read(body);
        if (patch.isArray()) {
            for (JsonNode op : patch) {
                if ("/spec/replicas".equals(op.path("path").asText())) {
                    return op.path("value").asInt();
                }
            }
            throw new IllegalArgumentException("a patch of the scale subresource sets /spec/replicas");
        }
        return replicasOf(body);
    }

    private static Integer replicasOf(String body) {
        JsonNode replicas = read(body).path("spec").path("replicas");
        if (!replicas.canConvertToInt()) {
            throw new IllegalArgumentException("spec.replicas must be an integer");
        }
        return replicas.asInt();
    }

    private Optional<List<TableColumn>> columns(ApiDiscovery discovery, String path) {
        Optional<ApiResource> resource = discovery.resourceOf(path);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        ApiResource r = resource.get();
        for (JsonNode crd : crds()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(r.group()) && spec.path("names").path("plural").asText().equals(r.plural())) {
                for (JsonNode version : spec.path("versions")) {
                    if (version.path("name").asText().equals(r.version())) {
                        return Optional.of(ResourceTable.columnsOf(version));
                    }
                }
            }
        }
        return Optional.of(ResourceTable.columnsOf(r));
    }

    private ApiDiscovery discovery() {
        return ApiDiscovery.of(crds());
    }

    private List<JsonNode> crds() {
        MockResponse list = store.dispatch(get(CRDS));
        List<JsonNode> out = new ArrayList<>();
        read(list.getBody().readUtf8()).path("items").forEach(out::add);
        return out;
    }

    private static RecordedRequest get(String path) {
        return new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, io.fabric8.mockwebserver.http.Headers.builder().build(),
                new Buffer());
    }

    /** The request with another body, at the path without its query: the mock tells /status by the path's end. */
    private static RecordedRequest withBody(RecordedRequest request, String path, String contentType, String body) {
        return new RecordedRequest("HTTP/1.1", request.method(), path,
                request.getHeaders().newBuilder().set("Content-Type", contentType).build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String withoutFieldSelector(URI uri) {
        List<String> kept = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            if (!pair.startsWith("fieldSelector=")) {
                kept.add(pair);
            }
        }
        return uri.getRawPath() + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static boolean isWatch(URI uri) {
        return "true".equals(queryParameter(uri, "watch"));
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private String major() {
        return kubernetesVersion.replaceFirst("^v", "").split("\\.")[0];
    }

    private String minor() {
        return kubernetesVersion.replaceFirst("^v", "").split("\\.")[1];
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        status.putObject("metadata");
        return json(code, status.toString());
    }
}
