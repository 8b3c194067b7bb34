package dev.sqo.reconcile;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningProfileStatus;
import dev.sqo.api.SqoApi;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.AsUser;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the NodeTuningProfile tests share: profiles, nodes and waiting for the running operator's status. */
abstract class NodeTuningOperatorTest {

    static final String TUNED_CRD = "tuneds.tuned.openshift.io";

    @Inject
    @AsUser
    KubernetesClient client;

    NodeTuningProfile profile(String name, String pool) throws IOException {
        NodeTuningProfile p = new YAMLMapper().readValue(Path.of("examples/node-tuning.yaml").toFile(), NodeTuningProfile.class);
        p.getMetadata().setName(name);
        p.getSpec().nodeSelector = Map.of("sqo.dev/pool", pool);
        return p;
    }

    void node(String name, Map<String, String> labels) {
        client.resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).create();
    }

    String label(String node) {
        return client.nodes().withName(node).get().getMetadata().getLabels().get(SqoApi.TUNING_PROFILE_LABEL);
    }

    /** The OpenShift Node Tuning Operator's API, as far as sqo looks for it. */
    void installTunedApi() {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(TUNED_CRD).endMetadata().withNewSpec().withGroup("tuned.openshift.io").withScope("Namespaced")
                .withNewNames().withKind("Tuned").withPlural("tuneds").withSingular("tuned").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build()).create();
    }

    void removeTunedApi() {
        client.apiextensions().v1().customResourceDefinitions().withName(TUNED_CRD).delete();
    }

    static StatusCondition condition(NodeTuningProfileStatus status, String type) {
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow(() -> new AssertionError(type));
    }

    NodeTuningProfile await(String name, Predicate<NodeTuningProfileStatus> ready) {
        Instant deadline = Instant.now().plusSeconds(30);
        NodeTuningProfile p = null;
        while (Instant.now().isBefore(deadline)) {
            p = client.resources(NodeTuningProfile.class).withName(name).get();
            if (p != null && p.getStatus() != null && ready.test(p.getStatus())) {
                return p;
            }
            sleep();
        }
        fail("no such status on NodeTuningProfile " + name + " within 30s: " + (p == null ? "gone" : Serialization.asJson(p.getStatus())));
        return null;
    }

    static void awaitTrue(BooleanSupplier done, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!done.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
