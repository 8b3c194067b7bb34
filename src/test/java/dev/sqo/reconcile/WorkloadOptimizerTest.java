package dev.sqo.reconcile;

import dev.sqo.api.ActionRecord;
import dev.sqo.api.ContainerResources;
import dev.sqo.api.CpuPinning;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningProfileStatus;
import dev.sqo.api.Optimization;
import dev.sqo.api.ResourceSizing;
import dev.sqo.api.RightSizing;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.SqoApi;
import dev.sqo.testing.ApiRequestLog;
import dev.sqo.testing.TestClients;
import dev.sqo.testing.TestPrometheus;
import dev.sqo.testing.Workloads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.sqo.testing.TestPrometheus.BUSY;
import static dev.sqo.testing.TestPrometheus.END;
import static dev.sqo.testing.TestPrometheus.LEAKY;
import static dev.sqo.testing.TestPrometheus.QUIET;
import static dev.sqo.testing.TestPrometheus.WORKLOAD_NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decide and act against the mock API server, with signals from the real test Prometheus (cAdvisor series of the
 * modelled workloads), as of the end of the generated history.
 */
@EnableKubernetesMockClient(crud = true)
class WorkloadOptimizerTest {

    KubernetesClient client;
    KubernetesMockServer server;
    /** sqo's client, beside the test's own. */
    private KubernetesClient sqo;

    private static OptimizationCycles cycles;

    @BeforeAll
    static void prometheus() {
        cycles = new OptimizationCycles();
    }

    @BeforeEach
    void operatorClient() {
        ApiRequestLog.record(server);
        sqo = TestClients.component(SqoUserAgent.OPERATOR, client);
    }

    @AfterEach
    void closeOperatorClient() {
        sqo.close();
    }

    /** A fresh operator instance: nothing in memory, as after a restart. */
    private WorkloadOptimizer operator() {
        return cycles.operator(sqo);
    }

    /** One reconcile's optimization, with the outcome written to the status as the reconciler would. */
    private static ServiceQuality cycle(WorkloadOptimizer operator, ServiceQuality sq, Instant now) {
        return cycle(operator, sq, List.of(), now);
    }

    /** One reconcile's optimization beside other ServiceQualities of the namespace. */
    private static ServiceQuality cycle(WorkloadOptimizer operator, ServiceQuality sq, List<ServiceQuality> neighbours, Instant now) {
        return cycles.cycle(operator, sq, neighbours, now);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName(name).get();
    }

    @Test
    void autoModeScalesOutOnSustainedCpuAndJournalsTheAction() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality sq = cycle(operator(), Workloads.serviceQuality("busy-sq", "busy", false, Optimization.Mode.Auto), END);

        // 0.45 cores of 0.5 is 90%, above 80% for two hours; the HPA calculation to 70% asks ceil(2 x 90/70) = 3.
        assertEquals(3, deployment("busy").getSpec().getReplicas());
        ActionRecord action = sq.getStatus().actions.get(0);
        assertEquals("ScaleOut", action.kind);
        assertEquals("2", action.from);
        assertEquals("3", action.to);
        assertEquals("cpu", action.signal);
        assertEquals("Pending", action.validation);
        assertNotNull(action.id);
        assertEquals("ScaleOut", condition(sq.getStatus(), "Optimizing").reason);
        assertTrue(deployment("busy").getMetadata().getAnnotations().get(SqoApi.LAST_ACTION_ANNOTATION).contains(action.id));
        List<Event> events = client.v1().events().inNamespace(WORKLOAD_NAMESPACE).list().getItems();
        assertTrue(events.stream().anyMatch(e -> e.getInvolvedObject().getKind().equals("Deployment") && e.getReason().equals("ScaleOut")));
        assertTrue(events.stream().anyMatch(e -> e.getInvolvedObject().getKind().equals("ServiceQuality")
                && e.getMessage().contains(action.id)));
    }

    @Test
    void aStatefulSetScalesThroughItsScaleSubresourceToo() {
        Workloads.statefulSet(client, "ledger", TestPrometheus.LEDGER, "500m");
        ServiceQuality sq = Workloads.serviceQuality("ledger-sq", "ledger", false, Optimization.Mode.Auto);
        sq.getSpec().targetRef.kind = "StatefulSet";
        cycle(operator(), sq, END);

        assertEquals(3, client.apps().statefulSets().inNamespace(WORKLOAD_NAMESPACE).withName("ledger").get().getSpec().getReplicas());
        assertEquals("StatefulSet/ledger", sq.getStatus().actions.get(0).object);
    }

    @Test
    void aRestartedOperatorDoesNotRepeatTheAction() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        // A page-level burn scales out by 50% each decision: without memory of the last action, a restarted
        // operator would scale again on the same burn before the new pods could help.
        ServiceQuality sq = Workloads.serviceQuality("busy-restart", "busy", true, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "1m";
        cycle(operator(), sq, END);
        assertEquals(3, deployment("busy").getSpec().getReplicas());
        String id = sq.getStatus().actions.get(0).id;

        // The status write is lost with the crash.
        sq.setStatus(null);
        ServiceQuality after = cycle(operator(), sq, END.plusSeconds(30));
        assertEquals(3, deployment("busy").getSpec().getReplicas(), "the same burn must not scale a second time");
        assertEquals(1, after.getStatus().actions.size());
        assertEquals(id, after.getStatus().actions.get(0).id, "the journaled action is recovered into the status");
        assertTrue(String.join(" ", after.getStatus().recommendation.reasons).contains("cooling down"),
                after.getStatus().recommendation.reasons.toString());

        // Once the cooldown is over, the burn may scale again: a new decision with a new id.
        ServiceQuality later = cycle(operator(), after, END.plusSeconds(90));
        assertEquals(2, later.getStatus().actions.size());
        assertTrue(!id.equals(later.getStatus().actions.get(1).id));
    }

    @Test
    void recommendModeShowsThePlanAndWritesNothing() {
        String version = Workloads.deploy(client, "quiet", QUIET, "1", "512Mi", null).getMetadata().getResourceVersion();
        ServiceQuality sq = Workloads.serviceQuality("quiet-sq", "quiet", false, Optimization.Mode.Recommend);
        sq.getSpec().optimization.resources = new RightSizing();
        sq.getSpec().optimization.resources.memory = new ResourceSizing();
        sq.getSpec().optimization.resources.memory.min = "64Mi";
        cycle(operator(), sq, END);

        assertEquals(version, deployment("quiet").getMetadata().getResourceVersion(), "Recommend mode must not touch the workload");
        ContainerResources app = sq.getStatus().recommendation.resources.get(0);
        // Usage: 0.1 cores x (1 + 0.3 daily swing) at most, skewed 5% between pods. With the default CPU triggers the
        // request is sized so that p90 of the busiest pod (about 0.135) sits at their 70% target: about 193m.
        double cpu = Quantity.getAmountInBytes(new Quantity(app.cpuRequest)).doubleValue();
        assertTrue(cpu > 0.17 && cpu < 0.22, app.cpuRequest);
        // Memory: 100Mi wobbling 2%, p95 of 5-minute peaks + 15%, rounded up to whole MiB.
        assertEquals("118Mi", app.memoryRequest);
        assertEquals("Recommending", condition(sq.getStatus(), "Optimizing").reason);
        assertTrue(sq.getStatus().actions.isEmpty());
        // CPU 0.1/1 is below 20% for 15m: a scale-in is proposed but waits for the scale-down stabilization window.
        assertEquals(3, sq.getStatus().recommendation.currentReplicas);
    }

    @Test
    void autoModeRaisesMemoryNearItsLimitWithTheLimitInProportion() {
        Workloads.deploy(client, "leaky", LEAKY, "500m", "200Mi", "256Mi");
        ServiceQuality sq = Workloads.serviceQuality("leaky-sq", "leaky", false, Optimization.Mode.Auto);
        sq.getSpec().optimization.resources = new RightSizing();
        sq.getSpec().optimization.resources.enabled = false; // memory raises only, no right-sizing
        cycle(operator(), sq, END);

        ActionRecord action = sq.getStatus().actions.get(0);
        assertEquals("Resize", action.kind, sq.getStatus().recommendation.reasons.toString());
        assertEquals("memory:app", action.signal);
        var resources = deployment("leaky").getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        double request = Quantity.getAmountInBytes(resources.getRequests().get("memory")).doubleValue();
        double limit = Quantity.getAmountInBytes(resources.getLimits().get("memory")).doubleValue();
        // The peak of about 245Mi of 256Mi (96%) lands at 70% of the new limit: about 350Mi; the request keeps 200/256.
        assertTrue(limit > 330 * 1024 * 1024 && limit < 370 * 1024 * 1024, resources.toString());
        assertEquals(200.0 / 256, request / limit, 0.01);
        assertEquals("500m", resources.getRequests().get("cpu").toString(), "CPU was not asked to change");
    }

    @Test
    void anExistingHpaGetsItsFloorRaisedWhileTheBudgetBurnsAndRestoredAfter() {
        Workloads.deploy(client, "quiet", QUIET, "1", "512Mi", null);
        createHpa("quiet");
        ServiceQuality sq = Workloads.serviceQuality("quiet-hpa", "quiet", true, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "0m";
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);

        HorizontalPodAutoscaler hpa = hpa("quiet");
        // The page-level burn proposes 3 + 50% = 5 replicas; sqo writes that as the HPA's floor, not as replicas.
        assertEquals(5, hpa.getSpec().getMinReplicas());
        assertEquals("2", hpa.getMetadata().getAnnotations().get(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION));
        String id = sq.getStatus().actions.get(0).id;
        assertTrue(hpa.getMetadata().getAnnotations().get(SqoApi.LAST_ACTION_ANNOTATION).contains(id), "journaled on the HPA");
        assertEquals(3, deployment("quiet").getSpec().getReplicas(), "the HPA owns the replicas");
        assertEquals("RaiseHpaFloor", sq.getStatus().actions.get(0).kind);

        // No data is not a recovery: an objective that lost its metrics keeps the floor raised.
        sq.getSpec().objectives.get(0).ratio.total = "sum(rate(http_requests_total{job=\"gone\"}[{{window}}]))";
        sq.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{job=\"gone\",code=~\"5..\"}[{{window}}]))";
        sq.setStatus(null); // and the status write was lost: the journal on the HPA brings the action back
        cycle(operator, sq, END.plusSeconds(30));
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());
        assertEquals(id, sq.getStatus().actions.get(0).id);

        sq.getSpec().objectives = Workloads.serviceQuality("x", "quiet", false, Optimization.Mode.Auto).getSpec().objectives;
        cycle(operator, sq, END.plusSeconds(60));
        hpa = hpa("quiet");
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertNull(hpa.getMetadata().getAnnotations().get(SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION));
        assertEquals("RestoreHpaFloor", sq.getStatus().actions.get(1).kind);
        client.resource(hpa).delete();
    }

    @Test
    void leavingAutoModeOrDeletingTheServiceQualityGivesTheHpaFloorBack() {
        Workloads.deploy(client, "quiet", QUIET, "1", "512Mi", null);
        createHpa("quiet");
        ServiceQuality sq = Workloads.serviceQuality("quiet-release", "quiet", true, Optimization.Mode.Auto);
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());

        sq.getSpec().optimization.mode = Optimization.Mode.Recommend;
        cycle(operator, sq, END.plusSeconds(30));
        assertEquals(2, hpa("quiet").getSpec().getMinReplicas());
        assertEquals("RestoreHpaFloor", sq.getStatus().actions.get(1).kind);

        sq.getSpec().optimization.mode = Optimization.Mode.Auto;
        sq.getSpec().optimization.cooldown = "0m";
        cycle(operator, sq, END.plusSeconds(60));
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());
        operator.release(sq, List.of(), END.plusSeconds(90));
        assertEquals(2, hpa("quiet").getSpec().getMinReplicas());
        client.resource(hpa("quiet")).delete();
    }

    private void createHpa(String target) {
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(target).withNamespace(WORKLOAD_NAMESPACE)
                .endMetadata().withNewSpec().withMinReplicas(2).withMaxReplicas(8).withNewScaleTargetRef().withApiVersion("apps/v1")
                .withKind("Deployment").withName(target).endScaleTargetRef().endSpec().build()).create();
    }

    @Test
    void anIneffectiveActionHoldsFurtherActionsOfItsKindForThatSignal() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("busy-held", "busy", false, Optimization.Mode.Auto);
        ActionRecord earlier = new ActionRecord();
        earlier.id = "earlier";
        earlier.time = END.minus(Duration.ofMinutes(15)).toString();
        earlier.kind = "ScaleOut";
        earlier.object = "Deployment/busy";
        earlier.from = "1";
        earlier.to = "2";
        earlier.signal = "cpu";
        earlier.signalValue = 91.0;
        earlier.result = "Applied";
        earlier.validation = "Pending";
        sq.setStatus(new ServiceQualityStatus());
        sq.getStatus().actions.add(earlier);
        cycle(operator(), sq, END);

        assertEquals("Ineffective", sq.getStatus().actions.get(0).validation);
        assertEquals(1, sq.getStatus().holds.size());
        assertEquals("cpu", sq.getStatus().holds.get(0).signal);
        assertEquals(2, deployment("busy").getSpec().getReplicas(), "held: no second scale-out for the same signal");
        assertEquals("ActionRefused", condition(sq.getStatus(), "Optimizing").reason);

        // Past the end of the history the CPU signal has no data: silence is not recovery, the hold stays.
        cycle(operator(), sq, END.plus(Duration.ofMinutes(20)));
        assertEquals(1, sq.getStatus().holds.size());

        sq.getMetadata().setAnnotations(java.util.Map.of(SqoApi.CLEAR_HOLDS_ANNOTATION, "2026-11-22"));
        cycle(operator(), sq, END.plus(Duration.ofMinutes(21)));
        assertTrue(sq.getStatus().holds.isEmpty());
    }

    @Test
    void replicasAnotherWriterSetsBackTwiceAreLeftToItInsteadOfFlappingForever() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("busy-gitops", "busy", true, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "1m";
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);
        assertEquals(3, deployment("busy").getSpec().getReplicas());

        // A GitOps tool syncs the replicas in Git back: sqo's scale-out is not in effect, so it is not judged (no hold
        // while the budget burns), and sqo decides again from what it finds.
        client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName("busy").scale(2);
        cycle(operator, sq, END.plusSeconds(90));
        assertEquals("Undone", sq.getStatus().actions.get(0).validation);
        assertTrue(sq.getStatus().actions.get(0).validationMessage.contains("has 2 replicas, not the 3 sqo set"),
                sq.getStatus().actions.get(0).validationMessage);
        assertTrue(sq.getStatus().holds.isEmpty());
        assertEquals(3, deployment("busy").getSpec().getReplicas(), "one undo is someone else's decision: sqo decides again");

        // Undone a second time within the day: a loop. sqo leaves the replicas to the other writer and says why.
        client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName("busy").scale(2);
        cycle(operator, sq, END.plusSeconds(180));
        assertEquals(2, deployment("busy").getSpec().getReplicas(), "no third scale-out against the other writer");
        assertEquals("Undone", sq.getStatus().actions.get(1).validation);
        assertEquals(List.of("ScaleOut", "ScaleIn"), sq.getStatus().holds.stream().map(h -> h.kind).toList());
        assertTrue(sq.getStatus().holds.stream().allMatch(h -> "*".equals(h.signal)));
        assertTrue(sq.getStatus().holds.get(0).reason.contains("ignoreDifferences"), sq.getStatus().holds.get(0).reason);
        assertEquals("UndoneByAnotherWriter", condition(sq.getStatus(), "Optimizing").reason);
        assertEquals("False", condition(sq.getStatus(), "Optimizing").status);
        assertTrue(client.v1().events().inNamespace(WORKLOAD_NAMESPACE).list().getItems().stream()
                .anyMatch(e -> "UndoneByAnotherWriter".equals(e.getReason())));

        // The field stays the other writer's, burn or not, until a person gives it back.
        cycle(operator, sq, END.plusSeconds(270));
        assertEquals(2, deployment("busy").getSpec().getReplicas());
        assertEquals(2, sq.getStatus().actions.size());
        sq.getMetadata().setAnnotations(java.util.Map.of(SqoApi.CLEAR_HOLDS_ANNOTATION, "argo-ignores-replicas"));
        cycle(operator, sq, END.plusSeconds(360));
        assertTrue(sq.getStatus().holds.isEmpty());
        assertEquals(List.of("Forgiven", "Forgiven"), sq.getStatus().actions.stream().limit(2).map(a -> a.validation).toList());
    }

    @Test
    void aResizeAnotherWriterRevertsTwiceIsNotReappliedAtEveryCooldown() {
        Workloads.deploy(client, "leaky", LEAKY, "500m", "200Mi", "256Mi");
        ServiceQuality sq = Workloads.serviceQuality("leaky-gitops", "leaky", false, Optimization.Mode.Auto);
        sq.getSpec().optimization.resources = new RightSizing();
        sq.getSpec().optimization.resources.enabled = false;
        sq.getSpec().optimization.cooldown = "1m";
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);
        assertEquals("Resize", sq.getStatus().actions.get(0).kind);

        revertMemory("leaky");
        cycle(operator, sq, END.plusSeconds(90));
        assertEquals("Undone", sq.getStatus().actions.get(0).validation);
        assertEquals("Resize", sq.getStatus().actions.get(1).kind, "one revert: sqo decides again");

        revertMemory("leaky");
        cycle(operator, sq, END.plusSeconds(180));
        assertEquals(2, sq.getStatus().actions.size(), "no third rolling update against the other writer");
        assertEquals("256Mi", deployment("leaky").getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("memory").toString());
        assertTrue(sq.getStatus().holds.stream().anyMatch(h -> "Resize".equals(h.kind) && "*".equals(h.signal)));
        assertEquals("UndoneByAnotherWriter", condition(sq.getStatus(), "Optimizing").reason);
    }

    @Test
    void anHpaFloorAnotherWriterLowersTwiceIsNotRaisedAgainAndAgain() {
        Workloads.deploy(client, "quiet", QUIET, "1", "512Mi", null);
        createHpa("quiet");
        ServiceQuality sq = Workloads.serviceQuality("quiet-gitops", "quiet", true, Optimization.Mode.Auto);
        sq.getSpec().optimization.cooldown = "0m";
        WorkloadOptimizer operator = operator();
        cycle(operator, sq, END);
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas());

        // Argo CD syncs minReplicas back to Git's 2 (and leaves sqo's annotations, which Git does not name).
        lowerFloor("quiet");
        cycle(operator, sq, END.plusSeconds(30));
        assertEquals("Undone", sq.getStatus().actions.get(0).validation);
        assertEquals(5, hpa("quiet").getSpec().getMinReplicas(), "one undo: sqo decides again");

        lowerFloor("quiet");
        cycle(operator, sq, END.plusSeconds(60));
        assertEquals(2, hpa("quiet").getSpec().getMinReplicas(), "no third raise against the other writer");
        assertTrue(sq.getStatus().holds.stream().anyMatch(h -> "RaiseHpaFloor".equals(h.kind) && "*".equals(h.signal)),
                sq.getStatus().holds.toString());
        assertTrue(sq.getStatus().holds.stream().noneMatch(h -> "ScaleOut".equals(h.kind)), "no hold for an ineffective scale-out");
        client.resource(hpa("quiet")).delete();
    }

    private void lowerFloor(String name) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(WORKLOAD_NAMESPACE).withName(name).edit(h -> {
            h.getSpec().setMinReplicas(2);
            return h;
        });
    }

    /** What a GitOps sync of the manifest does: the memory request and limit as they are in Git. */
    private void revertMemory(String name) {
        client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName(name).edit(d -> {
            var resources = d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
            resources.getRequests().put("memory", new Quantity("200Mi"));
            resources.getLimits().put("memory", new Quantity("256Mi"));
            return d;
        });
    }

    @Test
    void ofTwoServiceQualitiesOnOneWorkloadOnlyTheOldestActsAndTheOtherSaysWhy() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        ServiceQuality older = Workloads.serviceQuality("busy-team-a", "busy", true, Optimization.Mode.Auto);
        older.getMetadata().setCreationTimestamp("2026-11-01T00:00:00Z");
        ServiceQuality younger = Workloads.serviceQuality("busy-team-b", "busy", true, Optimization.Mode.Auto);
        younger.getMetadata().setCreationTimestamp("2026-11-02T00:00:00Z");
        List<ServiceQuality> namespace = List.of(older, younger);
        WorkloadOptimizer operator = operator();

        cycle(operator, younger, namespace, END);
        assertEquals(2, deployment("busy").getSpec().getReplicas(), "the younger one does not act");
        assertTrue(younger.getStatus().actions.isEmpty());
        assertEquals("TargetOwnedByAnother", condition(younger.getStatus(), "Optimizing").reason);
        assertTrue(condition(younger.getStatus(), "Optimizing").message.contains("busy-team-a"));

        cycle(operator, older, namespace, END);
        assertEquals(3, deployment("busy").getSpec().getReplicas(), "the oldest acts");

        // The younger one in Recommend mode or Off must not give back what the owner took either.
        younger.getSpec().optimization.mode = Optimization.Mode.Off;
        cycle(operator, younger, namespace, END.plusSeconds(30));
        assertEquals("TargetOwnedByAnother", condition(younger.getStatus(), "Optimizing").reason);

        // An owner that cannot act (an invalid spec, being deleted) keeps no one else from acting.
        younger.getSpec().optimization.mode = Optimization.Mode.Auto;
        older.getMetadata().setDeletionTimestamp(END.plusSeconds(40).toString());
        cycle(operator, younger, namespace, END.plusSeconds(60));
        assertTrue(!"TargetOwnedByAnother".equals(condition(younger.getStatus(), "Optimizing").reason),
                condition(younger.getStatus(), "Optimizing").message);
    }

    @Test
    void aForbiddenWriteBecomesAConditionNotACrash() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        server.expect().patch().withPath("/apis/apps/v1/namespaces/opt/deployments/busy").andReturn(403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}").always();
        ServiceQuality sq = cycle(operator(), Workloads.serviceQuality("busy-forbidden", "busy", false, Optimization.Mode.Auto), END);

        var optimizing = condition(sq.getStatus(), "Optimizing");
        assertEquals("False", optimizing.status);
        assertEquals("Forbidden", optimizing.reason);
        assertTrue(optimizing.message.contains("grant it patch deployments"), optimizing.message);
        assertEquals("Failed", sq.getStatus().actions.get(0).result);
        assertEquals(2, deployment("busy").getSpec().getReplicas());
    }

    @Test
    void aForbiddenReadBecomesAConditionToo() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        server.expect().get().withPath("/apis/autoscaling/v2/namespaces/opt/horizontalpodautoscalers").andReturn(403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}").always();
        ServiceQuality sq = cycle(operator(), Workloads.serviceQuality("busy-no-hpa-rights", "busy", false, Optimization.Mode.Auto), END);
        var optimizing = condition(sq.getStatus(), "Optimizing");
        assertEquals("Forbidden", optimizing.reason);
        assertTrue(optimizing.message.contains("list horizontalpodautoscalers"), optimizing.message);
        assertEquals(2, deployment("busy").getSpec().getReplicas());
    }

    @Test
    void aWorkloadScaledToZeroIsLeftAlone() {
        Workloads.deploy(client, "busy", BUSY, "500m", "256Mi", null);
        client.apps().deployments().inNamespace(WORKLOAD_NAMESPACE).withName("busy").scale(0);
        ServiceQuality sq = cycle(operator(), Workloads.serviceQuality("busy-paused", "busy", true, Optimization.Mode.Auto), END);
        assertEquals("ScaledToZero", condition(sq.getStatus(), "Optimizing").reason);
        assertEquals(0, deployment("busy").getSpec().getReplicas());
    }

    @Test
    void cpuPinningMakesTheWorkloadGuaranteedWithWholeCoresOnTheProfilesNodes() throws Exception {
        Workloads.deploy(client, "quiet", QUIET, "1500m", "512Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("quiet-pinned", "quiet", false, Optimization.Mode.Recommend);
        sq.getSpec().optimization.cpuPinning = new CpuPinning();
        sq.getSpec().optimization.cpuPinning.profile = "latency-critical";
        sq.getSpec().optimization.cpuPinning.priorityClassName = "latency-critical";

        cycle(operator(), sq, END);
        assertEquals("Refused", sq.getStatus().recommendation.cpuPinning);
        assertTrue(sq.getStatus().recommendation.reasons.contains("not pinned: NodeTuningProfile latency-critical does not exist"),
                sq.getStatus().recommendation.reasons.toString());

        NodeTuningProfile profile = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readValue(java.nio.file.Path.of("examples/node-tuning.yaml").toFile(), NodeTuningProfile.class);
        profile.setStatus(new NodeTuningProfileStatus());
        profile.getStatus().matchedNodes = 2;
        client.resource(profile).create();
        String version = deployment("quiet").getMetadata().getResourceVersion();
        cycle(operator(), sq, END.plusSeconds(30));
        assertEquals("Planned", sq.getStatus().recommendation.cpuPinning);
        assertEquals("2", sq.getStatus().recommendation.resources.get(0).cpuRequest, "1500m rounded up to whole cores");
        assertEquals(version, deployment("quiet").getMetadata().getResourceVersion(), "Recommend mode writes nothing");

        sq.getSpec().optimization.mode = Optimization.Mode.Auto;
        cycle(operator(), sq, END.plusSeconds(60));
        assertEquals("Pin", sq.getStatus().actions.get(0).kind, sq.getStatus().recommendation.reasons.toString());
        var pod = deployment("quiet").getSpec().getTemplate().getSpec();
        var resources = pod.getContainers().get(0).getResources();
        assertEquals("2", resources.getRequests().get("cpu").toString());
        assertEquals("2", resources.getLimits().get("cpu").toString());
        assertEquals(resources.getRequests().get("memory"), resources.getLimits().get("memory"));
        assertEquals("512Mi", resources.getLimits().get("memory").toString());
        var term = pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
        assertEquals(SqoApi.TUNING_PROFILE_LABEL, term.getMatchExpressions().get(0).getKey());
        assertEquals(List.of("latency-critical"), term.getMatchExpressions().get(0).getValues());
        assertEquals("latency-critical", pod.getPriorityClassName());

        // Pinned: the next decision has nothing to change.
        cycle(operator(), sq, END.plus(Duration.ofMinutes(10)));
        assertEquals("Pinned", sq.getStatus().recommendation.cpuPinning);
        assertEquals(1, sq.getStatus().actions.size());

        // A pod that runs Burstable anyway (a sidecar injected at admission) is not pinned, whatever the template says.
        client.pods().inNamespace(WORKLOAD_NAMESPACE).withName(QUIET.pods().get(0)).edit(p -> {
            p.getStatus().setQosClass("Burstable");
            return p;
        });
        cycle(operator(), sq, END.plus(Duration.ofMinutes(11)));
        assertEquals("NotGuaranteed", sq.getStatus().recommendation.cpuPinning);
        client.resource(profile).delete();
    }

    private HorizontalPodAutoscaler hpa(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(WORKLOAD_NAMESPACE).withName(name).get();
    }

    static dev.sqo.api.StatusCondition condition(ServiceQualityStatus status, String type) {
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow(() -> new AssertionError(type));
    }
}
