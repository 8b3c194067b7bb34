package dev.sqo.reconcile;

import dev.sqo.api.Exclusion;
import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.AsUser;
import dev.sqo.testing.ExpectedSlo;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.OperatorTestServer;
import dev.sqo.testing.PrometheusTestResource;
import dev.sqo.testing.TestPrometheus;
import dev.sqo.testing.Workloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.sqo.testing.StatusWait.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator, unchanged, against the mock API server and the real test Prometheus. */
@QuarkusTest
@WithKubernetesTestServer(setup = OperatorTestServer.class)
@QuarkusTestResource(PrometheusTestResource.class)
class ServiceQualityReconcilerTest {

    @Inject
    @AsUser
    KubernetesClient client;

    /** The operator's own client. */
    @Inject
    KubernetesClient operatorClient;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    /** A failing API server is retried by sqo's cycles, not for minutes inside one request of a reconcile thread. */
    @Test
    void theOperatorsClientGivesUpOnAFailingApiServerQuickly() {
        assertTrue(operatorClient.getConfiguration().getRequestRetryBackoffLimit() <= 2,
                "retries: " + operatorClient.getConfiguration().getRequestRetryBackoffLimit());
    }

    /** With the chart's defaults: one replica leads and keeps renewing its Lease, which the chart lets it patch. */
    @Test
    void theOperatorHoldsItsLeaseAndRenewsIt() throws InterruptedException {
        Lease first = client.leases().inNamespace("test").withName("sqo-operator").get();
        assertNotNull(first, "the leader's Lease");
        assertNotNull(first.getSpec().getHolderIdentity());
        Instant deadline = Instant.now().plusSeconds(15);
        Lease later = first;
        while (later.getSpec().getRenewTime().equals(first.getSpec().getRenewTime()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            later = client.leases().inNamespace("test").withName("sqo-operator").get();
        }
        assertTrue(later.getSpec().getRenewTime().isAfter(first.getSpec().getRenewTime()), "renewed: " + later.getSpec());
        assertEquals(first.getSpec().getHolderIdentity(), later.getSpec().getHolderIdentity());
    }

    @Test
    void statusMatchesTheHistory() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setNamespace("team-a");
        client.resource(sq).create();

        ServiceQuality done = awaitStatus(client, "team-a", "scenario", s -> s.objectives.size() == 4);
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
        ServiceQuality first = awaitStatus(client, "team-b", "steady", s -> s.objectives.size() == 4);
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

        ServiceQuality done = awaitStatus(client, "team-c", "broken", s -> !s.conditions.isEmpty());
        StatusCondition ready = PrometheusEvaluationTest.condition(done.getStatus(), "Ready");
        assertEquals("False", ready.status);
        assertEquals("InvalidSpec", ready.reason);
        assertTrue(ready.message.contains("spec.window: Invalid value: \"string\": window must be between 1h and 90d"), ready.message);
        assertTrue(ready.message.contains("spec.objectives[0]: Invalid value: \"object\": target is a percentage strictly between 0 and 100"),
                ready.message);
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

        ServiceQuality done = awaitStatus(client, "team-d", "elsewhere", s -> !s.conditions.isEmpty());
        StatusCondition metrics = PrometheusEvaluationTest.condition(done.getStatus(), "MetricsAvailable");
        assertEquals("False", metrics.status);
        assertEquals("PrometheusNotAllowed", metrics.reason);
        assertTrue(metrics.message.contains("not in the operator's allowlist"), metrics.message);
    }

    @Test
    void rulesGoToAConfigMapWithoutThePrometheusOperator() throws InterruptedException {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("rules-cm");
        sq.getMetadata().setNamespace("team-e");
        client.resource(sq).create();

        ServiceQuality done = awaitStatus(client, "team-e", "rules-cm", s -> s.conditions.stream().anyMatch(c -> c.type.equals("RulesPublished")));
        StatusCondition published = PrometheusEvaluationTest.condition(done.getStatus(), "RulesPublished");
        assertEquals("True", published.status);
        assertEquals("ConfigMap", published.reason);
        assertTrue(published.message.contains("because the PrometheusRule CRD (monitoring.coreos.com/v1) is not installed"), published.message);
        ConfigMap cm = client.configMaps().inNamespace("team-e").withName("sqo-rules-cm").get();
        assertEquals(done.getMetadata().getUid(), cm.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals("true", cm.getMetadata().getLabels().get("sqo.dev/rules"));
        String rules = cm.getData().get("team-e_rules-cm.rules.yaml");
        assertTrue(rules.startsWith("groups:"), rules);
        assertTrue(rules.contains("alert: SLOFastBurn"), rules);

        Thread.sleep(5_000); // two reconcile intervals of the test profile: unchanged rules are not written again
        assertEquals(cm.getMetadata().getResourceVersion(),
                client.configMaps().inNamespace("team-e").withName("sqo-rules-cm").get().getMetadata().getResourceVersion());
    }

    @Test
    void rulesMoveToAPrometheusRuleWhenItsCrdIsInstalledAndTheConfigMapGoes() throws InterruptedException {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("rules-pr");
        sq.getMetadata().setNamespace("team-f");
        client.resource(sq).create();
        awaitStatus(client, "team-f", "rules-pr", s -> s.conditions.stream().anyMatch(c -> c.type.equals("RulesPublished") && c.reason.equals("ConfigMap")));
        assertNotNull(client.configMaps().inNamespace("team-f").withName("sqo-rules-pr").get());

        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName("prometheusrules.monitoring.coreos.com").endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withKind("PrometheusRule").withPlural("prometheusrules").withSingular("prometheusrule").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        try {
            ServiceQuality done = awaitStatus(client, "team-f", "rules-pr",
                    s -> s.conditions.stream().anyMatch(c -> c.type.equals("RulesPublished") && c.reason.equals("PrometheusRule")));
            GenericKubernetesResource rule = client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
                    .inNamespace("team-f").withName("sqo-rules-pr").get();
            assertEquals(done.getMetadata().getUid(), rule.getMetadata().getOwnerReferences().get(0).getUid());
            assertEquals("sqo", rule.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            assertTrue(rule.getAdditionalProperties().get("spec").toString().contains("slo:sli_error:ratio_rate30d"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (client.configMaps().inNamespace("team-f").withName("sqo-rules-pr").get() != null) {
                assertTrue(Instant.now().isBefore(deadline), "the ConfigMap is deleted, so Prometheus never loads the rules twice");
                Thread.sleep(200);
            }
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName("prometheusrules.monitoring.coreos.com").delete();
        }
    }

    @Test
    void activeMaintenanceWindowIsExportedForTheAlertsToMute() throws Exception {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("in-maintenance");
        sq.getMetadata().setNamespace("team-g");
        Exclusion now = new Exclusion();
        now.name = "upgrade";
        now.from = TestPrometheus.END.minusSeconds(600).toString();
        now.to = TestPrometheus.END.plusSeconds(600).toString();
        Exclusion later = new Exclusion();
        later.name = "next-week";
        later.from = TestPrometheus.END.plus(Duration.ofDays(7)).toString();
        later.to = TestPrometheus.END.plus(Duration.ofDays(7)).plusSeconds(600).toString();
        sq.getSpec().exclusions = List.of(now, later);
        client.resource(sq).create();
        awaitStatus(client, "team-g", "in-maintenance", s -> !s.conditions.isEmpty());

        String metrics = scrape();
        assertTrue(metrics.contains("sqo_exclusion_active{exclusion=\"upgrade\",sqo_namespace=\"team-g\",sqo_service=\"in-maintenance\"} 1.0"),
                metrics.lines().filter(l -> l.contains("exclusion")).toList().toString());
        assertTrue(metrics.contains("sqo_exclusion_active{exclusion=\"next-week\",sqo_namespace=\"team-g\",sqo_service=\"in-maintenance\"} 0.0"));

        // A deleted ServiceQuality must not keep muting anything.
        client.resources(ServiceQuality.class).inNamespace("team-g").withName("in-maintenance").delete();
        Instant deadline = Instant.now().plusSeconds(20);
        while (scrape().contains("sqo_service=\"in-maintenance\"")) {
            assertTrue(Instant.now().isBefore(deadline), "the deleted resource's exclusion series is still exported");
            Thread.sleep(500);
        }
    }

    @Test
    void everyObjectivesNumbersAreOperatorMetricsUntilTheResourceIsDeleted() throws Exception {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("measured");
        sq.getMetadata().setNamespace("team-m");
        client.resource(sq).create();
        ServiceQualityStatus status = awaitStatus(client, "team-m", "measured", s -> s.objectives.size() == 4).getStatus();
        ObjectiveStatus availability = PrometheusEvaluationTest.objective(status, "availability");

        String labels = "namespace=\"team-m\",objective=\"availability\",service=\"measured\"";
        String metrics = scrape();
        assertEquals(availability.attainment / 100, gauge(metrics, "sqo_objective_attainment_ratio{" + labels + "}"), 1e-9);
        assertEquals(0.999, gauge(metrics, "sqo_objective_target_ratio{" + labels + "}"), 1e-9);
        assertEquals(availability.errorBudget.remaining, gauge(metrics, "sqo_objective_error_budget_remaining_ratio{" + labels + "}"), 1e-9);
        assertEquals(availability.burnRates.h1, gauge(metrics, "sqo_objective_burn_rate{" + labels + ",window=\"1h\"}"), 1e-9);
        assertEquals(2.0, gauge(metrics, "sqo_objective_alert_level{" + labels + "}"), "Page");
        assertTrue(gauge(metrics, "sqo_reconcile_duration_seconds_count{controller=\"servicequality\",outcome=\"success\"}") >= 1);
        assertTrue(gauge(metrics, "sqo_prometheus_query_duration_seconds_count{api=\"query\",outcome=\"success\"}") >= 1);

        client.resources(ServiceQuality.class).inNamespace("team-m").withName("measured").delete();
        Instant deadline = Instant.now().plusSeconds(20);
        while (scrape().contains("service=\"measured\"")) {
            assertTrue(Instant.now().isBefore(deadline), "the deleted resource's objective series are still exported");
            Thread.sleep(500);
        }
    }

    private static double gauge(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " not in\n"
                        + metrics.lines().filter(l -> l.startsWith(series.substring(0, series.indexOf('{')))).toList()));
    }

    @Test
    void autoModeScalesTheDeploymentOnceAndRecordsIt() throws InterruptedException {
        Workloads.deploy(client, "busy", TestPrometheus.BUSY, "500m", "256Mi", null);
        ServiceQuality sq = Workloads.serviceQuality("busy", "busy", false, dev.sqo.api.Optimization.Mode.Auto);
        sq.getMetadata().setUid(null);
        client.resource(sq).create();

        ServiceQuality done = awaitStatus(client, TestPrometheus.WORKLOAD_NAMESPACE, "busy", s -> !s.actions.isEmpty());
        assertEquals("ScaleOut", done.getStatus().actions.get(0).kind);
        assertEquals(3, client.apps().deployments().inNamespace(TestPrometheus.WORKLOAD_NAMESPACE).withName("busy").get()
                .getSpec().getReplicas());
        assertEquals("ScaleOut", PrometheusEvaluationTest.condition(done.getStatus(), "Optimizing").reason);

        Thread.sleep(5_000); // two more reconcile intervals: the same signal within the cooldown changes nothing
        ServiceQuality later = client.resources(ServiceQuality.class).inNamespace(TestPrometheus.WORKLOAD_NAMESPACE).withName("busy").get();
        assertEquals(1, later.getStatus().actions.size());
        assertEquals(3, client.apps().deployments().inNamespace(TestPrometheus.WORKLOAD_NAMESPACE).withName("busy").get()
                .getSpec().getReplicas());
        assertTrue(client.v1().events().inNamespace(TestPrometheus.WORKLOAD_NAMESPACE).list().getItems().stream()
                .anyMatch(e -> e.getReason().equals("ScaleOut") && e.getInvolvedObject().getKind().equals("ServiceQuality")));
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUrl.toURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
