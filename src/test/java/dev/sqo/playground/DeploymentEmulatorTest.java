package dev.sqo.playground;

import dev.sqo.playground.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentEmulatorTest {

    private EmbeddedApiServer api;
    private KubernetesClient client;
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private DeploymentEmulator emulator;

    @BeforeEach
    void start() {
        api = EmbeddedApiServer.start();
        client = api.client();
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        emulator = new DeploymentEmulator(client, clock, d -> Duration.ofSeconds(60));
        client.resource(deployment(2, "500m")).create();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private static Deployment deployment(int replicas, String cpu) {
        return new DeploymentBuilder().withNewMetadata().withName("checkout").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "checkout").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata().withNewSpec()
                .addNewContainer().withName("checkout").withImage("checkout:1").withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity("512Mi")).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace("shop").list().getItems();
    }

    private Deployment current() {
        return client.apps().deployments().inNamespace("shop").withName("checkout").get();
    }

    @Test
    void podsBecomeReadyAfterTheirStartupDelayAndTheStatusSaysSo() {
        // The mock stamps creation with its wall clock; the emulator's clock starts there and moves past the delay.
        now = Instant.now();
        emulator.reconcile(false);
        assertEquals(2, pods().size());
        assertTrue(pods().stream().noneMatch(DeploymentEmulator::isReady));
        assertEquals(0, current().getStatus().getReadyReplicas());
        assertEquals("Burstable", pods().get(0).getStatus().getQosClass());
        assertEquals(DeploymentEmulator.NODE, pods().get(0).getSpec().getNodeName());

        now = now.plusSeconds(61);
        emulator.reconcile(false);
        assertTrue(pods().stream().allMatch(DeploymentEmulator::isReady));
        assertEquals(2, current().getStatus().getReadyReplicas());
        assertEquals(2, current().getStatus().getAvailableReplicas());
    }

    @Test
    void scalingInRemovesPodsThatAreNotReadyFirst() {
        emulator.reconcile(true);
        client.apps().deployments().inNamespace("shop").withName("checkout").scale(4);
        now = Instant.now();
        emulator.reconcile(false);
        assertEquals(4, pods().size());
        client.apps().deployments().inNamespace("shop").withName("checkout").scale(2);
        emulator.reconcile(false);
        assertEquals(2, pods().size());
        assertTrue(pods().stream().allMatch(DeploymentEmulator::isReady), "the two ready pods stay");
    }

    @Test
    void aNewTemplateReplacesThePodsOnceTheNewOnesAreReady() {
        emulator.reconcile(true);
        List<String> old = pods().stream().map(p -> p.getMetadata().getName()).toList();
        client.apps().deployments().inNamespace("shop").withName("checkout")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer().editResources()
                        .addToRequests("cpu", new Quantity("1")).endResources().endContainer().endSpec().endTemplate().endSpec().build());
        now = Instant.now();
        emulator.reconcile(false);
        assertEquals(4, pods().size(), "old and new side by side");
        assertEquals(2, current().getStatus().getReadyReplicas());
        assertEquals(2, current().getStatus().getUpdatedReplicas());

        now = now.plusSeconds(61);
        emulator.reconcile(false);
        emulator.reconcile(false);
        assertEquals(2, pods().size());
        assertTrue(pods().stream().noneMatch(p -> old.contains(p.getMetadata().getName())));
        assertEquals("1", pods().get(0).getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString());
    }

    @Test
    void podsOfADeletedDeploymentGoWithIt() {
        emulator.reconcile(true);
        client.apps().deployments().inNamespace("shop").withName("checkout").delete();
        emulator.reconcile(false);
        assertEquals(0, pods().size());
    }

    @Test
    void qosClassesFollowKubernetesRules() {
        Container guaranteed = new ContainerBuilder().withName("a").withNewResources()
                .addToLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi"))).endResources().build();
        Container burstable = new ContainerBuilder().withName("b").withNewResources()
                .addToRequests("cpu", new Quantity("500m")).endResources().build();
        Container bestEffort = new ContainerBuilder().withName("c").build();
        assertEquals("Guaranteed", DeploymentEmulator.qosClass(List.of(guaranteed)));
        assertEquals("Burstable", DeploymentEmulator.qosClass(List.of(guaranteed, burstable)));
        assertEquals("BestEffort", DeploymentEmulator.qosClass(List.of(bestEffort)));
    }
}
