package dev.sqo.actuate;

import dev.sqo.api.ActionRecord;
import dev.sqo.api.SqoApi;
import dev.sqo.optimize.ContainerChange;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@EnableKubernetesMockClient(crud = true)
class WorkloadActuatorTest {

    private static final String NS = "shop";

    KubernetesClient client;

    private static ActionRecord record() {
        ActionRecord r = new ActionRecord();
        r.id = "3f9a1c07d2e4";
        r.time = "2026-11-22T09:40:00Z";
        r.kind = "ScaleOut";
        r.from = "3";
        r.to = "5";
        return r;
    }

    @Test
    void theJournalRoundTrips() {
        assertEquals("3f9a1c07d2e4", WorkloadActuator.decode(WorkloadActuator.encode(record())).id);
    }

    @Test
    void aJournalSqoCouldNotHaveWrittenIsIgnored() {
        assertNull(WorkloadActuator.decode("not json"));
        ActionRecord badTime = record();
        badTime.time = "yesterday";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badTime)));
        ActionRecord badCount = record();
        badCount.to = "many";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badCount)));
        ActionRecord badKind = record();
        badKind.kind = "Delete";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badKind)));
    }

    @Test
    void aScaleDoesNotOverwriteAReplicaCountChangedAfterTheDecisionsRead() {
        deployment("web", 3);
        WorkloadShape decidedOn = new WorkloadReader(client).read(NS, "Deployment", "web").orElseThrow();
        // Between sqo's read and its write, a person scales by hand.
        client.apps().deployments().inNamespace(NS).withName("web").scale(8);

        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> new WorkloadActuator(client).scale(NS, decidedOn, 5, record()));
        assertEquals(409, conflict.getCode());
        Deployment after = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertEquals(8, after.getSpec().getReplicas(), "the hand-made count stays");
        assertNull(annotation(after, SqoApi.LAST_ACTION_ANNOTATION), "no journal of a scale that did not happen");
    }

    @Test
    void aStatusUpdateSinceTheDecisionsReadDoesNotBlockTheWrite() {
        deployment("web", 3);
        WorkloadShape decidedOn = new WorkloadReader(client).read(NS, "Deployment", "web").orElseThrow();
        // The deployment controller reports its pods: a new resourceVersion, the same spec.
        Deployment reported = client.apps().deployments().inNamespace(NS).withName("web").get();
        reported.setStatus(new DeploymentStatusBuilder().withReplicas(3).withAvailableReplicas(2).build());
        client.resource(reported).updateStatus();

        new WorkloadActuator(client).scale(NS, decidedOn, 5, record());
        Deployment after = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertEquals(5, after.getSpec().getReplicas());
        assertEquals(WorkloadActuator.encode(record()), annotation(after, SqoApi.LAST_ACTION_ANNOTATION), "with its journal, in the same write");
    }

    @Test
    void aResizeDoesNotOverwriteATemplateChangedAfterTheDecisionsRead() {
        deployment("web", 3);
        WorkloadShape decidedOn = new WorkloadReader(client).read(NS, "Deployment", "web").orElseThrow();
        client.apps().deployments().inNamespace(NS).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example/web:2");
            return d;
        });

        ActionRecord resize = record();
        resize.kind = "Resize";
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () -> new WorkloadActuator(client)
                .resize(NS, decidedOn, List.of(new ContainerChange("web", 0.2, null, null, null)), resize));
        assertEquals(409, conflict.getCode());
        var container = client.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals("example/web:2", container.getImage());
        assertEquals("500m", container.getResources().getRequests().get("cpu").toString());
    }

    @Test
    void anHpaFloorIsNotRaisedOverAnEditMadeAfterTheDecisionsRead() {
        deployment("web", 3);
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(8).withNewScaleTargetRef().withApiVersion("apps/v1")
                .withKind("Deployment").withName("web").endScaleTargetRef().endSpec().build()).create();
        HpaFloor floors = new HpaFloor(client);
        HpaFloor.Hpa decidedOn = floors.find(NS, "Deployment", "web").orElseThrow();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("web").edit(h -> {
            h.getSpec().setMinReplicas(3);
            return h;
        });

        ActionRecord raise = record();
        raise.kind = "RaiseHpaFloor";
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () -> floors.raise(NS, decidedOn, 6, raise));
        assertEquals(409, conflict.getCode());
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("web").get();
        assertEquals(3, hpa.getSpec().getMinReplicas());
        assertNull(annotation(hpa, SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION), "no claim on a floor sqo did not raise");
    }

    @Test
    void anHpaFloorIsRaisedThoughTheHpaHasNoGenerationAndOtherFieldsChanged() {
        deployment("api", 3);
        // As a real API server keeps it: no metadata.generation on an HPA. An edit of its metrics since the decision
        // does not touch the floor the decision read.
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("api").withNamespace(NS).endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(8).withNewScaleTargetRef().withApiVersion("apps/v1")
                .withKind("Deployment").withName("api").endScaleTargetRef().endSpec().build()).create();
        HpaFloor floors = new HpaFloor(client);
        HpaFloor.Hpa decidedOn = floors.find(NS, "Deployment", "api").orElseThrow();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("api").edit(h -> {
            h.getMetadata().setGeneration(null);
            h.getSpec().setBehavior(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder()
                    .withNewScaleDown().withStabilizationWindowSeconds(60).endScaleDown().build());
            return h;
        });

        ActionRecord raise = record();
        raise.kind = "RaiseHpaFloor";
        floors.raise(NS, decidedOn, 6, raise);
        assertEquals(6, client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("api").get().getSpec().getMinReplicas());
    }

    private static String annotation(HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? null : o.getMetadata().getAnnotations().get(key);
    }

    private void deployment(String name, int replicas) {
        client.resource(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("example/web:1").withNewResources().addToRequests("cpu", new Quantity("500m"))
                .endResources().endContainer().endSpec().endTemplate().endSpec().build()).create();
    }
}
