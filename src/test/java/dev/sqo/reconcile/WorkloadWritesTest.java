package dev.sqo.reconcile;

import dev.sqo.api.ActionRecord;
import dev.sqo.api.Optimization;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SqoApi;
import dev.sqo.testing.ApiRequestLog;
import dev.sqo.testing.RefusingApiServer;
import dev.sqo.testing.TestClients;
import dev.sqo.testing.Workloads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.sqo.testing.TestPrometheus.BUSY;
import static dev.sqo.testing.TestPrometheus.END;
import static dev.sqo.testing.TestPrometheus.QUIET;
import static dev.sqo.testing.TestPrometheus.WORKLOAD_NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sqo's writes against an API server that refuses them (a conflicting writer, a 500, a webhook's denial) or whose
 * objects others change while sqo holds them: nothing is recorded that did not happen, nothing someone else wrote is
 * overwritten, and a failing write is retried at a growing delay.
 */
class WorkloadWritesTest {

    private static OptimizationCycles cycles;

    private RefusingApiServer api;
    /** The test's own client, as a person or another controller. */
    private KubernetesClient client;
    private KubernetesClient sqo;

    @BeforeAll
    static void prometheus() {
        cycles = new OptimizationCycles();
    }

    @BeforeEach
    void apiServer() {
        api = new RefusingApiServer();
        ApiRequestLog.record(api.server());
        // One request per attempt: fabric8 retries a 5xx itself, ten times over about 100 s, before sqo sees it.
        KubernetesClient mock = api.server().createClient();
        KubernetesClient base = new KubernetesClientBuilder().withConfig(new ConfigBuilder(mock.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        client = TestClients.user(base);
        sqo = TestClients.component(SqoUserAgent.OPERATOR, base);
        base.close();
        mock.close();
    }

    @AfterEach
    void close() {
        sqo.close();
        client.close();
        api.close();
    }

    private WorkloadOptimizer operator() {
        return cycles.operator(sqo);
    }

    private static ServiceQuality cycle(WorkloadOptimizer operator, ServiceQuality sq, Instant now) {
        return cycles.cycle(operator, sq, List.of(), now);
    }

    @Test
    void aConflictingWriteIsNotRecordedAndTheNextCycleDecidesAgain() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("busy-conflict", "busy", false, Optimization.Mode.Auto);
        // Someone else writes the replicas between sqo's read and its write.
        api.refuse("/spec/replicas", 409);
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);

        assertEquals(2, deployment("busy").getSpec().getReplicas());
        assertEquals(List.of(), sq.getStatus().actions, "an action that was not applied is not recorded, not even as Failed");
        assertEquals("Conflict", WorkloadOptimizerTest.condition(sq.getStatus(), "Optimizing").reason);
        assertNull(annotation(deployment("busy"), SqoApi.LAST_ACTION_ANNOTATION));

        api.accept();
        cycle(operator, sq, END.plusSeconds(30));
        assertEquals(3, deployment("busy").getSpec().getReplicas(), "no cooldown from an action that never ran");
        assertEquals("Applied", sq.getStatus().actions.get(0).result);
    }

    @Test
    void aScaleTheApiServerRefusedIsNeverRecoveredValidatedOrHeld() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("busy-refused", "busy", false, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "0m";
        api.refuse("/spec/replicas", 500);
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);
        assertEquals(2, deployment("busy").getSpec().getReplicas());
        assertEquals("Failed", sq.getStatus().actions.get(0).result);
        assertNull(annotation(deployment("busy"), SqoApi.LAST_ACTION_ANNOTATION), "no journal of a scale that did not happen");

        // The operator restarts before the status is written: only what is on the workload is left to recover.
        sq.setStatus(null);
        cycle(operator(), sq, END.plusSeconds(30));
        assertTrue(sq.getStatus().actions.stream().noneMatch(a -> "Applied".equals(a.result)), sq.getStatus().actions.toString());
        assertTrue(sq.getStatus().actions.stream().noneMatch(a -> "Pending".equals(a.validation)), "nothing left to validate");
        assertEquals(List.of(), sq.getStatus().holds);

        // The webhook is fixed: the next attempt scales out.
        api.accept();
        cycle(operator(), sq, END.plusSeconds(60));
        assertEquals(3, deployment("busy").getSpec().getReplicas());
        ActionRecord last = sq.getStatus().actions.get(sq.getStatus().actions.size() - 1);
        assertEquals("Applied", last.result);
        assertTrue(annotation(deployment("busy"), SqoApi.LAST_ACTION_ANNOTATION).contains(last.id));
    }

    @Test
    void aFloorSomeoneChangedWhileItWasRaisedIsLeftToThem() {
        WorkloadOptimizer operator = operator();
        ServiceQuality sq = raisedFloor(operator, "quiet-edited");
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(WORKLOAD_NAMESPACE).withName("quiet").edit(h -> {
            h.getSpec().setMinReplicas(4);
            return h;
        });

        sq.getSpec().optimization.mode = Optimization.Mode.Recommend;
        cycle(operator, sq, END.plusSeconds(30));
        HorizontalPodAutoscaler hpa = hpa("quiet");
        assertEquals(4, hpa.getSpec().getMinReplicas(), "their value, not the original 2");
        assertNull(annotation(hpa, SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION), "sqo no longer claims the floor");
        ActionRecord restore = sq.getStatus().actions.get(1);
        assertEquals("RestoreHpaFloor", restore.kind);
        assertEquals("4", restore.to);
        List<Event> told = events("RestoreHpaFloor", "ServiceQuality");
        assertEquals(1, told.size());
        assertEquals("Normal", told.get(0).getType());
        assertTrue(told.get(0).getMessage().contains("changed to 4 by someone else"), told.get(0).getMessage());

        // Nothing left to give back: later cycles leave the HPA alone.
        cycle(operator, sq, END.plusSeconds(60));
        assertEquals(2, sq.getStatus().actions.size());
    }

    @Test
    void aRefusedRestoreIsRetriedAtAGrowingDelayWithOneWarning() {
        WorkloadOptimizer operator = operator();
        ServiceQuality sq = raisedFloor(operator, "quiet-stuck");
        api.refuse("/spec/minReplicas", 500);
        sq.getSpec().optimization.mode = Optimization.Mode.Recommend;
        for (int cycle = 1; cycle <= 9; cycle++) {
            cycle(operator, sq, END.plusSeconds(30L * cycle));
        }

        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());
        // Attempts at 30 s, then 30 s, 60 s and 120 s after each failure: at 30, 60, 120 and 240 s of nine cycles.
        assertEquals(4, api.refused());
        assertEquals(1, events("ActionFailed", "ServiceQuality").size(), "one Warning for one kind of failure, not one per retry");
        assertEquals("RetryingLater", WorkloadOptimizerTest.condition(sq.getStatus(), "Optimizing").reason);

        api.accept();
        cycle(operator, sq, END.plusSeconds(30 * 16));
        assertEquals(2, hpa("quiet").getSpec().getMinReplicas());
    }

    @Test
    void aDeletedServiceQualityKeepsItsFinalizerUntilTheFloorIsGivenBack() {
        WorkloadOptimizer operator = operator();
        ServiceQuality sq = raisedFloor(operator, "quiet-deleted");
        sq.getMetadata().setDeletionTimestamp(END.plusSeconds(30).toString());
        FloorReleaseOnDeletion deletion = new FloorReleaseOnDeletion(operator);
        api.refuse("/spec/minReplicas", 500);

        DeleteControl failed = deletion.release(sq, List.of(), END.plusSeconds(30));
        assertFalse(failed.isRemoveFinalizer(), "a transient error must not leave the HPA raised for good");
        assertEquals(Optional.of(FloorReleaseOnDeletion.FIRST_RETRY.toMillis()), failed.getScheduleDelay());
        DeleteControl later = deletion.release(sq, List.of(), END.plusSeconds(30 + 60));
        assertFalse(later.isRemoveFinalizer());
        assertEquals(Optional.of(Duration.ofSeconds(30).toMillis()), later.getScheduleDelay(), "the retries space out");
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());

        api.accept();
        assertTrue(deletion.release(sq, List.of(), END.plusSeconds(120)).isRemoveFinalizer());
        assertEquals(2, hpa("quiet").getSpec().getMinReplicas());
    }

    @Test
    void aDeletedServiceQualityLetsGoWhenRetryingCannotHelpOrAfterAnHour() {
        WorkloadOptimizer operator = operator();
        ServiceQuality sq = raisedFloor(operator, "quiet-denied");
        sq.getMetadata().setDeletionTimestamp(END.plusSeconds(30).toString());
        FloorReleaseOnDeletion deletion = new FloorReleaseOnDeletion(operator);

        // A webhook denies the restore: the same request will be denied again, and a namespace must stay deletable.
        api.refuse("/spec/minReplicas", 422);
        assertTrue(deletion.release(sq, List.of(), END.plusSeconds(30)).isRemoveFinalizer());

        api.refuse("/spec/minReplicas", 500);
        assertFalse(deletion.release(sq, List.of(), END.plusSeconds(30 + 3000)).isRemoveFinalizer());
        assertTrue(deletion.release(sq, List.of(), END.plusSeconds(30 + 3601)).isRemoveFinalizer(), "an hour of failures");
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas(), "left to a person, as the log says");
    }

    @Test
    void aDeletedServiceQualityWhoseHpaIsGoneLetsGo() {
        WorkloadOptimizer operator = operator();
        ServiceQuality sq = raisedFloor(operator, "quiet-hpa-gone");
        client.resource(hpa("quiet")).delete();
        assertTrue(new FloorReleaseOnDeletion(operator).release(sq, List.of(), END.plusSeconds(30)).isRemoveFinalizer());
    }

    /** A burning ServiceQuality in Auto mode that raised the floor of an HPA on the quiet Deployment from 2 to 5. */
    private ServiceQuality raisedFloor(WorkloadOptimizer operator, String name) {
        Workloads.deploy(client, "quiet", QUIET, "1", "512Mi", null);
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("quiet").withNamespace(WORKLOAD_NAMESPACE)
                .endMetadata().withNewSpec().withMinReplicas(2).withMaxReplicas(8).withNewScaleTargetRef().withApiVersion("apps/v1")
                .withKind("Deployment").withName("quiet").endScaleTargetRef().endSpec().build()).create();
        ServiceQuality sq = Workloads.serviceQuality(name, "quiet", true, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "0m";
        cycle(operator, sq, END);
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());
        return sq;
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName(name).get();
    }

    private HorizontalPodAutoscaler hpa(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(WORKLOAD_NAMESPACE).withName(name).get();
    }

    private List<Event> events(String reason, String aboutKind) {
        return client.v1().events().inNamespace(WORKLOAD_NAMESPACE).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && aboutKind.equals(e.getInvolvedObject().getKind())).toList();
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? null : o.getMetadata().getAnnotations().get(key);
    }
}
