package dev.sqo.reconcile;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.actuate.NodeAgent;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningProfileStatus;
import dev.sqo.api.SqoApi;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.PrometheusTestResource;
import dev.sqo.tuning.NodeTuner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** NodeTuningProfiles reaching nodes, with the operator running against the mock API server. */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(PrometheusTestResource.class)
class NodeTuningProfileReconcilerTest {

    @Inject
    KubernetesClient client;

    private NodeTuningProfile profile(String name, String pool) throws IOException {
        NodeTuningProfile p = new YAMLMapper().readValue(Path.of("examples/node-tuning.yaml").toFile(), NodeTuningProfile.class);
        p.getMetadata().setName(name);
        p.getSpec().nodeSelector = Map.of("sqo.dev/pool", pool);
        return p;
    }

    private void node(String name, Map<String, String> labels) {
        client.resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).create();
    }

    private String label(String node) {
        return client.nodes().withName(node).get().getMetadata().getLabels().get(SqoApi.TUNING_PROFILE_LABEL);
    }

    @Test
    void withoutTunedTheNodesAreLabelledAndTheAgentAppliesIt(@TempDir Path root) throws Exception {
        node("agent-1", Map.of("sqo.dev/pool", "agent"));
        node("agent-2", Map.of("sqo.dev/pool", "agent"));
        node("other-1", Map.of("sqo.dev/pool", "batch"));
        client.resource(profile("agent-profile", "agent")).create();

        NodeTuningProfile pending = await("agent-profile", s -> s.matchedNodes != null && s.matchedNodes == 2);
        assertEquals("Agent", pending.getStatus().mechanism);
        assertEquals("agent-profile", label("agent-1"));
        assertNull(label("other-1"));
        assertEquals("Pending", pending.getStatus().nodes.get(0).state);
        assertEquals("False", condition(pending.getStatus(), "Applied").status);

        // The agent on agent-1 applies it to its node tree; agent-2's kubelet lacks the static CPU manager policy.
        prepare(root.resolve("n1"), "static");
        prepare(root.resolve("n2"), "none");
        new NodeAgent(client, new NodeTuner(root.resolve("n1")), "agent-1", Clock.systemUTC()).cycle();
        new NodeAgent(client, new NodeTuner(root.resolve("n2")), "agent-2", Clock.systemUTC()).cycle();
        assertEquals("10", Files.readString(root.resolve("n1/proc/sys/vm/swappiness")).trim());

        NodeTuningProfile reported = await("agent-profile", s -> s.appliedNodes != null && s.appliedNodes == 1);
        StatusCondition degraded = condition(reported.getStatus(), "Degraded");
        assertEquals("True", degraded.status);
        assertTrue(degraded.message.contains("agent-2: kubelet.cpuManagerPolicy"), degraded.message);
        assertEquals("Applied", reported.getStatus().nodes.get(0).state);

        // Deleting the profile frees the nodes; the agent then restores the originals.
        client.resources(NodeTuningProfile.class).withName("agent-profile").delete();
        awaitTrue(() -> label("agent-1") == null, "the label is removed on deletion");
        new NodeAgent(client, new NodeTuner(root.resolve("n1")), "agent-1", Clock.systemUTC()).cycle();
        assertEquals("60", Files.readString(root.resolve("n1/proc/sys/vm/swappiness")).trim());
    }

    @Test
    void withTheTunedCrdATunedObjectIsRenderedAndOwned() throws Exception {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName("tuneds.tuned.openshift.io").endMetadata().withNewSpec().withGroup("tuned.openshift.io").withScope("Namespaced")
                .withNewNames().withKind("Tuned").withPlural("tuneds").withSingular("tuned").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build()).create();
        try {
            node("ocp-1", Map.of("sqo.dev/pool", "ocp"));
            NodeTuningProfile p = profile("ocp-profile", "ocp");
            p.getSpec().disk.scheduler = "cfq";
            client.resource(p).create();

            NodeTuningProfile done = await("ocp-profile", s -> "Tuned".equals(s.mechanism));
            GenericKubernetesResource tuned = client.genericKubernetesResources("tuned.openshift.io/v1", "Tuned")
                    .inNamespace("openshift-cluster-node-tuning-operator").withName("sqo-ocp-profile").get();
            assertEquals(done.getMetadata().getUid(), tuned.getMetadata().getOwnerReferences().get(0).getUid());
            String spec = tuned.getAdditionalProperties().get("spec").toString();
            assertTrue(spec.contains("governor=performance"), spec);
            assertTrue(spec.contains("vm.swappiness=10"), spec);
            assertTrue(spec.contains("elevator=bfq"), "the legacy cfq is applied as bfq: " + spec);
            assertTrue(spec.contains("label=sqo.dev/tuning-profile") && spec.contains("value=ocp-profile"), spec);
            assertEquals("ocp-profile", label("ocp-1"));
            StatusCondition warning = condition(done.getStatus(), "Warning");
            assertEquals("True", warning.status);
            assertTrue(warning.message.contains("cfq is the legacy single-queue name of bfq"), warning.message);
            assertEquals("Pending", done.getStatus().nodes.get(0).state);

            // The Node Tuning Operator's per-node Profile reports TuneD applied it.
            GenericKubernetesResource nodeProfile = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("tuned.openshift.io/v1").withKind("Profile").withNewMetadata().withName("ocp-1")
                    .withNamespace("openshift-cluster-node-tuning-operator").endMetadata().build();
            nodeProfile.setAdditionalProperty("status", Map.of("tunedProfile", "sqo-ocp-profile", "conditions",
                    java.util.List.of(Map.of("type", "Applied", "status", "True"), Map.of("type", "Degraded", "status", "False"))));
            client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                    .withGroup("tuned.openshift.io").withVersion("v1").withKind("Profile").withPlural("profiles").withNamespaced(true).build())
                    .inNamespace("openshift-cluster-node-tuning-operator").resource(nodeProfile).create();
            NodeTuningProfile applied = await("ocp-profile", s -> s.appliedNodes != null && s.appliedNodes == 1);
            assertEquals("True", condition(applied.getStatus(), "Applied").status);
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName("tuneds.tuned.openshift.io").delete();
        }
    }

    /** A node's tree as the agent sees it under its root. */
    private static void prepare(Path root, String kubeletPolicy) throws IOException {
        Map<String, String> files = Map.of(
                "proc/sys/vm/swappiness", "60",
                "proc/sys/net/core/rmem_max", "212992",
                "proc/sys/net/core/wmem_max", "212992",
                "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave",
                "sys/block/vda/queue/scheduler", "[none] mq-deadline",
                "var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"" + kubeletPolicy + "\"}");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.createDirectories(root.resolve(f.getKey()).getParent());
            Files.writeString(root.resolve(f.getKey()), f.getValue() + "\n");
        }
        Files.createDirectories(root.resolve("sys/block/vda/device"));
    }

    static StatusCondition condition(NodeTuningProfileStatus status, String type) {
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow(() -> new AssertionError(type));
    }

    private NodeTuningProfile await(String name, Predicate<NodeTuningProfileStatus> ready) {
        Instant deadline = Instant.now().plusSeconds(30);
        NodeTuningProfile p = null;
        while (Instant.now().isBefore(deadline)) {
            p = client.resources(NodeTuningProfile.class).withName(name).get();
            if (p != null && p.getStatus() != null && ready.test(p.getStatus())) {
                return p;
            }
            sleep();
        }
        fail("no such status on NodeTuningProfile " + name + " within 30s: " + (p == null ? "gone" : io.fabric8.kubernetes.client.utils.Serialization.asJson(p.getStatus())));
        return null;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier done, String what) {
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
