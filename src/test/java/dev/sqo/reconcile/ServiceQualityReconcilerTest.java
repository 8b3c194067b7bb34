package dev.sqo.reconcile;

import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.testing.ExpectedSlo;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.PrometheusTestResource;
import dev.sqo.testing.TestPrometheus;
import dev.sqo.api.StatusCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The operator, unchanged, against the mock API server and the real test Prometheus. */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(PrometheusTestResource.class)
class ServiceQualityReconcilerTest {

    @Inject
    KubernetesClient client;

    @Test
    void statusMatchesTheHistory() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setNamespace("team-a");
        client.resource(sq).create();

        ServiceQuality done = awaitStatus("team-a", "scenario", s -> s.objectives.size() == 4);
        ServiceQualityStatus status = done.getStatus();
        ObjectiveStatus availability = PrometheusEvaluationTest.objective(status, "availability");
        double consumed = new ExpectedSlo(TestPrometheus.SCENARIO, TestPrometheus.END).errorRatio(Duration.ofDays(30)) / 0.001;
        assertEquals(consumed, availability.errorBudget.consumed, 0.01 * consumed);
        assertEquals("Page", status.alert);
        assertEquals("True", PrometheusEvaluationTest.condition(status, "Ready").status);
        assertEquals("FastBurn", PrometheusEvaluationTest.condition(status, "BudgetBurning").reason);
        assertEquals(done.getMetadata().getGeneration(), status.observedGeneration);
        for (StatusCondition c : status.conditions) {
            assertEquals(done.getMetadata().getGeneration(), c.observedGeneration, c.type);
        }
    }

    @Test
    void unchangedNumbersDoNotPatchTheStatusAgain() throws InterruptedException {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("steady");
        sq.getMetadata().setNamespace("team-b");
        client.resource(sq).create();
        ServiceQuality first = awaitStatus("team-b", "steady", s -> s.objectives.size() == 4);
        String transition = PrometheusEvaluationTest.condition(first.getStatus(), "Ready").lastTransitionTime;

        Thread.sleep(5_000); // more than two reconcile intervals of the test profile (2s)
        ServiceQuality later = client.resources(ServiceQuality.class).inNamespace("team-b").withName("steady").get();
        assertEquals(first.getMetadata().getResourceVersion(), later.getMetadata().getResourceVersion());
        assertEquals(transition, PrometheusEvaluationTest.condition(later.getStatus(), "Ready").lastTransitionTime);
    }

    @Test
    void specThatSlippedPastAdmissionIsReportedNotCrashLooped() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("broken");
        sq.getMetadata().setNamespace("team-c");
        sq.getSpec().window = "91d";
        sq.getSpec().objectives.get(0).target = 100;
        client.resource(sq).create();

        ServiceQuality done = awaitStatus("team-c", "broken", s -> !s.conditions.isEmpty());
        StatusCondition ready = PrometheusEvaluationTest.condition(done.getStatus(), "Ready");
        assertEquals("False", ready.status);
        assertEquals("InvalidSpec", ready.reason);
        assertTrue(ready.message.contains("spec.window: must be between 1h and 90d, got 91d"), ready.message);
        assertTrue(ready.message.contains("spec.objectives[0].target"), ready.message);
        assertEquals("Unknown", PrometheusEvaluationTest.condition(done.getStatus(), "ObjectivesMet").status);
    }

    @Test
    void prometheusOverrideOutsideTheAllowlistIsRefused() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("elsewhere");
        sq.getMetadata().setNamespace("team-d");
        sq.getSpec().prometheus = new dev.sqo.api.PrometheusSource();
        sq.getSpec().prometheus.url = "https://attacker.example:9090";
        client.resource(sq).create();

        ServiceQuality done = awaitStatus("team-d", "elsewhere", s -> !s.conditions.isEmpty());
        StatusCondition metrics = PrometheusEvaluationTest.condition(done.getStatus(), "MetricsAvailable");
        assertEquals("False", metrics.status);
        assertEquals("PrometheusNotAllowed", metrics.reason);
        assertTrue(metrics.message.contains("not in the operator's allowlist"), metrics.message);
    }

    private ServiceQuality awaitStatus(String namespace, String name, Predicate<ServiceQualityStatus> ready) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            ServiceQuality current = client.resources(ServiceQuality.class).inNamespace(namespace).withName(name).get();
            if (current != null && current.getStatus() != null && ready.test(current.getStatus())) {
                assertNotNull(current.getStatus().conditions);
                return current;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no status on " + namespace + "/" + name + " within 30s");
        return null;
    }
}
