package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded API answers what kubectl asks before and while it works; PlaygroundIT drives it with kubectl itself. */
class KubectlDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinitionContext SQ = new ResourceDefinitionContext.Builder().withGroup("sqo.dev")
            .withVersion("v1alpha1").withPlural("servicequalities").withKind("ServiceQuality").withNamespaced(true).build();
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private static EmbeddedApiServer api;
    private static KubernetesClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        api = EmbeddedApiServer.start();
        client = api.client();
        try (InputStream crd = new FileInputStream("crds/servicequalities.sqo.dev-v1.yml")) {
            client.load(crd).items().forEach(item -> client.resource(item).create());
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        try (InputStream examples = new FileInputStream("examples/checkout.yaml")) {
            for (HasMetadata item : client.load(examples).items()) {
                client.resource(item).create();
            }
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        api.close();
    }

    @Test
    void reportsItsVersionAndDiscoveryWithShortNamesAndTheScaleSubresource() throws Exception {
        assertEquals(EmbeddedApiServer.KUBERNETES_VERSION, get("/version", null).path("gitVersion").asText());
        assertTrue(get("/api", null).path("versions").toString().contains("v1"));
        JsonNode groups = get("/apis", null).path("groups");
        assertTrue(groups.toString().contains("\"sqo.dev/v1alpha1\""), groups.toString());

        JsonNode sqo = get("/apis/sqo.dev/v1alpha1", null).path("resources");
        JsonNode servicequalities = find(sqo, "servicequalities");
        assertEquals("[\"sq\"]", servicequalities.path("shortNames").toString());
        assertTrue(servicequalities.path("namespaced").asBoolean());
        assertEquals("ServiceQuality", find(sqo, "servicequalities/status").path("kind").asText());

        JsonNode apps = get("/apis/apps/v1", null).path("resources");
        assertEquals("[\"deploy\"]", find(apps, "deployments").path("shortNames").toString());
        JsonNode scale = find(apps, "deployments/scale");
        assertEquals("autoscaling/v1/Scale", scale.path("group").asText() + "/" + scale.path("version").asText() + "/"
                + scale.path("kind").asText());
        assertEquals(404, http.send(HttpRequest.newBuilder(api.url().resolve("/apis/nowhere.example/v1")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void tablesOfCustomResourcesHaveTheCrdsPrinterColumns() throws Exception {
        GenericKubernetesResource sq = client.genericKubernetesResources(SQ).inNamespace("shop").withName("checkout").get();
        sq.setAdditionalProperty("status", Map.of("target", "Deployment/checkout", "objectivesMet", "1/2", "worstBudgetRemaining",
                "20.2%", "alert", "Page", "conditions", List.of(Map.of("type", "Ready", "status", "True"),
                        Map.of("type", "MetricsAvailable", "status", "False"))));
        client.genericKubernetesResources(SQ).inNamespace("shop").resource(sq).updateStatus();

        JsonNode table = get("/apis/sqo.dev/v1alpha1/namespaces/shop/servicequalities", TABLE);
        assertEquals("Table", table.path("kind").asText());
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
        assertEquals(List.of("Name", "Target", "Met", "Budget", "Burn-1h", "Alert", "Ready", "Age"), names);
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertEquals("[\"checkout\",\"Deployment/checkout\",\"1/2\",\"20.2%\",null,\"Page\",\"True\"", cells.toString()
                .substring(0, cells.toString().lastIndexOf(',')));
        assertTrue(cells.get(7).asText().matches("\\d+s"), cells.toString());
        assertEquals("shop", table.path("rows").get(0).path("object").path("metadata").path("namespace").asText());

        JsonNode one = get("/apis/sqo.dev/v1alpha1/namespaces/shop/servicequalities/checkout", TABLE);
        assertEquals(1, one.path("rows").size());
        JsonNode deployments = get("/apis/apps/v1/namespaces/shop/deployments", TABLE);
        assertEquals("Ready", deployments.path("columnDefinitions").get(1).path("name").asText());
        assertEquals("0/3", deployments.path("rows").get(0).path("cells").get(1).asText());
        assertEquals("ServiceQuality", get("/apis/sqo.dev/v1alpha1/namespaces/shop/servicequalities/checkout", null)
                .path("kind").asText(), "without as=Table the object itself");
    }

    @Test
    void fieldSelectorsPickAnObjectsEvents() throws Exception {
        for (String name : List.of("checkout", "search")) {
            client.v1().events().inNamespace("shop").resource(new EventBuilder().withNewMetadata().withName(name + ".1")
                    .endMetadata().withNewInvolvedObject().withKind("ServiceQuality").withName(name).withNamespace("shop")
                    .endInvolvedObject().withReason("Test").withType("Normal").build()).create();
        }
        JsonNode events = get("/api/v1/namespaces/shop/events?fieldSelector="
                + "involvedObject.name%3Dcheckout,involvedObject.kind%3DServiceQuality", null);
        assertEquals(1, events.path("items").size());
        assertEquals("checkout", events.path("items").get(0).path("involvedObject").path("name").asText());
        assertEquals(0, get("/api/v1/namespaces/shop/events?fieldSelector=type!%3DNormal", null).path("items").size());
    }

    @Test
    void theScaleSubresourceReadsAndWritesReplicas() throws Exception {
        client.resource(new DeploymentBuilder().withNewMetadata().withName("cart").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "cart").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "cart").endMetadata().withNewSpec().addNewContainer()
                .withName("cart").withImage("cart:1").endContainer().endSpec().endTemplate().endSpec().build()).create();
        JsonNode scale = get("/apis/apps/v1/namespaces/shop/deployments/cart/scale", null);
        assertEquals("Scale", scale.path("kind").asText());
        assertEquals(2, scale.path("spec").path("replicas").asInt());
        assertEquals("app=cart", scale.path("status").path("selector").asText());

        client.apps().deployments().inNamespace("shop").withName("cart").scale(5);
        assertEquals(5, client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getReplicas());
        // kubectl scale sends a merge patch of the Scale.
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(api.url().resolve("/apis/apps/v1/namespaces/shop/deployments/cart/scale"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":1}}"))
                .header("Content-Type", "application/merge-patch+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(1, client.apps().deployments().inNamespace("shop").withName("cart").get().getSpec().getReplicas());
    }

    @Test
    void serverSideApplyOfTheStatusReplacesItAndStrategicMergePatchesMerge() throws Exception {
        GenericKubernetesResource applied = new GenericKubernetesResource();
        applied.setApiVersion("sqo.dev/v1alpha1");
        applied.setKind("ServiceQuality");
        applied.setMetadata(client.genericKubernetesResources(SQ).inNamespace("shop").withName("checkout").get().getMetadata());
        applied.getMetadata().setResourceVersion(null);
        applied.setAdditionalProperty("status", Map.of("alert", "Ticket"));
        client.genericKubernetesResources(SQ).inNamespace("shop").resource(applied).subresource("status")
                .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("test").withForce(true).build());
        Object status = client.genericKubernetesResources(SQ).inNamespace("shop").withName("checkout").get()
                .getAdditionalProperties().get("status");
        assertEquals(Map.of("alert", "Ticket"), status, "the applied status is the whole status");

        Deployment patched = client.apps().deployments().inNamespace("shop").withName("checkout")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");
        assertEquals("web", patched.getMetadata().getLabels().get("tier"));

        HttpResponse<String> protobuf = http.send(HttpRequest.newBuilder(api.url().resolve("/api/v1/namespaces"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x6b, 0x38, 0x73, 0}))
                .header("Content-Type", "application/vnd.kubernetes.protobuf").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, protobuf.statusCode());
        assertTrue(protobuf.body().contains("kubectl apply -f"), protobuf.body());
    }

    /** The operator's leader election checks its Lease access this way before it starts. */
    @Test
    void accessReviewsAllowEverythingForThereIsNoRbac() throws Exception {
        String rules = post("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "{\"kind\":\"SelfSubjectRulesReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"spec\":{\"namespace\":\"shop\"}}");
        JsonNode granted = JSON.readTree(rules).path("status").path("resourceRules").get(0);
        assertEquals("[\"*\"]", granted.path("verbs").toString());
        assertEquals("[\"*\"]", granted.path("resources").toString());
        String access = post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"kind\":\"SelfSubjectAccessReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"spec\":{}}");
        assertTrue(JSON.readTree(access).path("status").path("allowed").asBoolean());
    }

    private String post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return response.body();
    }

    private JsonNode get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode find(JsonNode resources, String name) {
        for (JsonNode r : resources) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        throw new AssertionError(name + " not in " + resources);
    }
}
