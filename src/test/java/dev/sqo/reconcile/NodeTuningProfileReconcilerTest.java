package dev.sqo.reconcile;

import dev.sqo.actuate.NodeAgent;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.OperatorTestServer;
import dev.sqo.testing.PrometheusTestResource;
import dev.sqo.testing.TestClients;
import dev.sqo.tuning.NodeTuner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NodeTuningProfiles reaching nodes through sqo's node agent, with the operator running against the mock API server. */
@QuarkusTest
@WithKubernetesTestServer(setup = OperatorTestServer.class)
@QuarkusTestResource(PrometheusTestResource.class)
class NodeTuningProfileReconcilerTest extends NodeTuningOperatorTest {

    /** The node agents' client. */
    private KubernetesClient agent;

    @BeforeEach
    void agentClient() {
        agent = TestClients.component(SqoUserAgent.AGENT, client);
    }

    @AfterEach
    void closeAgentClient() {
        agent.close();
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
        new NodeAgent(agent, new NodeTuner(root.resolve("n1")), "agent-1", Clock.systemUTC()).cycle();
        new NodeAgent(agent, new NodeTuner(root.resolve("n2")), "agent-2", Clock.systemUTC()).cycle();
        assertEquals("10", Files.readString(root.resolve("n1/proc/sys/vm/swappiness")).trim());

        NodeTuningProfile reported = await("agent-profile", s -> s.appliedNodes != null && s.appliedNodes == 1);
        StatusCondition degraded = condition(reported.getStatus(), "Degraded");
        assertEquals("True", degraded.status);
        assertTrue(degraded.message.contains("agent-2: kubelet.cpuManagerPolicy"), degraded.message);
        assertEquals("Applied", reported.getStatus().nodes.get(0).state);

        // Deleting the profile frees the nodes; the agent then restores the originals.
        client.resources(NodeTuningProfile.class).withName("agent-profile").delete();
        awaitTrue(() -> label("agent-1") == null, "the label is removed on deletion");
        new NodeAgent(agent, new NodeTuner(root.resolve("n1")), "agent-1", Clock.systemUTC()).cycle();
        assertEquals("60", Files.readString(root.resolve("n1/proc/sys/vm/swappiness")).trim());
    }

    /**
     * A journal cut short by a crash (the agent used to stop on it, pass after pass): the agent sets it aside, applies
     * the profile, and the profile's status names the node as Degraded with what was lost.
     */
    @Test
    void aTruncatedJournalOnANodeIsSetAsideAndTheNodeIsDegraded(@TempDir Path root) throws Exception {
        node("journal-1", Map.of("sqo.dev/pool", "journal"));
        client.resource(profile("journal-profile", "journal")).create();
        await("journal-profile", s -> s.matchedNodes != null && s.matchedNodes == 1);
        awaitTrue(() -> "journal-profile".equals(label("journal-1")), "the node is labelled");
        prepare(root, "static");
        Files.createDirectories(root.resolve(NodeTuner.STATE_FILE).getParent());
        Files.writeString(root.resolve(NodeTuner.STATE_FILE), "{\"profile\" : \"journal-profile\", \"files\" : {\"proc/sys/vm/swapp");

        new NodeAgent(agent, new NodeTuner(root), "journal-1", Clock.systemUTC()).cycle();

        assertEquals("10", Files.readString(root.resolve("proc/sys/vm/swappiness")).trim(), "the profile still applies");
        NodeTuningProfile reported = await("journal-profile", s -> s.nodes != null && "Degraded".equals(s.nodes.get(0).state));
        String message = reported.getStatus().nodes.get(0).message;
        assertTrue(message.startsWith("journal (var/lib/sqo/node-tuning.json.corrupt-"), message);
        assertTrue(message.contains("the originals of the settings sqo changed before are lost and will not be restored"), message);
        StatusCondition degraded = condition(reported.getStatus(), "Degraded");
        assertEquals("True", degraded.status);
        assertTrue(degraded.message.startsWith("journal-1: journal (var/lib/sqo/node-tuning.json.corrupt-"), degraded.message);
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

    @Test
    void onOpenShiftTheStatusSaysToLetTunedApplyIt() throws Exception {
        installTunedApi();
        try {
            node("ocp-agent-1", Map.of("sqo.dev/pool", "ocp-agent"));
            client.resource(profile("ocp-agent-profile", "ocp-agent")).create();

            NodeTuningProfile pending = await("ocp-agent-profile", s -> s.matchedNodes != null && s.matchedNodes == 1);
            assertEquals("Agent", pending.getStatus().mechanism, "configured, not detected: the chart granted no rights on Tuned objects");
            assertTrue(pending.getStatus().nodes.get(0).message.contains("nodeTuning.openshift=true"), pending.getStatus().nodes.get(0).message);
        } finally {
            removeTunedApi();
        }
    }
}
