package dev.sqo.reconcile;

import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.OperatorTestServer;
import dev.sqo.testing.PrometheusTestResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On OpenShift (sqo.tuning.mechanism=Tuned, the chart's nodeTuning.openshift=true), TuneD applies the profiles. */
@QuarkusTest
@TestProfile(TunedNodeTuningProfileTest.OpenShift.class)
@WithKubernetesTestServer(setup = OperatorTestServer.class)
@QuarkusTestResource(PrometheusTestResource.class)
class TunedNodeTuningProfileTest extends NodeTuningOperatorTest {

    public static class OpenShift implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sqo.tuning.mechanism", "Tuned");
        }
    }

    @Test
    void withTheTunedCrdATunedObjectIsRenderedAndOwned() throws Exception {
        installTunedApi();
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
            GenericKubernetesResource nodeProfile = new GenericKubernetesResourceBuilder()
                    .withApiVersion("tuned.openshift.io/v1").withKind("Profile").withNewMetadata().withName("ocp-1")
                    .withNamespace("openshift-cluster-node-tuning-operator").endMetadata().build();
            nodeProfile.setAdditionalProperty("status", Map.of("tunedProfile", "sqo-ocp-profile", "conditions",
                    List.of(Map.of("type", "Applied", "status", "True"), Map.of("type", "Degraded", "status", "False"))));
            client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                    .withGroup("tuned.openshift.io").withVersion("v1").withKind("Profile").withPlural("profiles").withNamespaced(true).build())
                    .inNamespace("openshift-cluster-node-tuning-operator").resource(nodeProfile).create();
            NodeTuningProfile applied = await("ocp-profile", s -> s.appliedNodes != null && s.appliedNodes == 1);
            assertEquals("True", condition(applied.getStatus(), "Applied").status);
        } finally {
            removeTunedApi();
        }
    }

    @Test
    void withoutTheTunedApiTheStatusSaysSoAndNothingIsWritten() throws Exception {
        node("plain-1", Map.of("sqo.dev/pool", "plain"));
        client.resource(profile("plain-profile", "plain")).create();

        NodeTuningProfile pending = await("plain-profile", s -> s.matchedNodes != null && s.matchedNodes == 1);
        assertEquals("Tuned", pending.getStatus().mechanism);
        assertEquals("Pending", pending.getStatus().nodes.get(0).state);
        assertTrue(pending.getStatus().nodes.get(0).message.contains("nodeTuning.openshift=false"), pending.getStatus().nodes.get(0).message);
        assertNull(client.genericKubernetesResources("tuned.openshift.io/v1", "Tuned").inNamespace("openshift-cluster-node-tuning-operator")
                .withName("sqo-plain-profile").get());
    }
}
