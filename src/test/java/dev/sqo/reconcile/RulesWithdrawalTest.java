package dev.sqo.reconcile;

import dev.sqo.api.ServiceQuality;
import dev.sqo.rules.PrometheusRuleRenderer;
import dev.sqo.testing.ApiRequestLog;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.TestClients;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * With namespaced tenancy, a ServiceQuality whose queries cannot be confined has no rules: those sqo published for
 * it before (while tenancy was shared, or for an earlier spec) could record another namespace's series. Only sqo's
 * own objects go; someone else's of the same name stay.
 */
@EnableKubernetesMockClient(crud = true)
class RulesWithdrawalTest {

    KubernetesClient client;
    KubernetesMockServer server;
    /** sqo's client, beside the test's own: its requests are held against the chart's RBAC. */
    private KubernetesClient sqo;

    private static SqoConfig.Rules rulesConfig(SqoConfig.RulesMode mode) {
        return new SqoConfig.Rules() {
            @Override
            public SqoConfig.RulesMode mode() {
                return mode;
            }

            @Override
            public Map<String, String> labels() {
                return Map.of();
            }

            @Override
            public Duration crdCheckInterval() {
                return Duration.ZERO;
            }
        };
    }

    @BeforeEach
    void prometheusOperatorInstalled() {
        ApiRequestLog.record(server);
        sqo = TestClients.component(SqoUserAgent.OPERATOR, client);
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(RulesPublisher.PROMETHEUS_RULE_CRD).endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withKind("PrometheusRule").withPlural("prometheusrules").withSingular("prometheusrule").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
    }

    private ServiceQuality stored(String namespace) {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setNamespace(namespace);
        return client.resource(sq).create();
    }

    private GenericKubernetesResource prometheusRule(ServiceQuality sq) {
        return client.genericKubernetesResources(PrometheusRuleRenderer.API_VERSION, PrometheusRuleRenderer.KIND)
                .inNamespace(sq.getMetadata().getNamespace()).withName(PrometheusRuleRenderer.objectName(sq)).get();
    }

    @Test
    void thePublishedPrometheusRuleOrConfigMapIsDeleted() {
        ServiceQuality sq = stored("a");
        RulesPublisher withdrawing = new RulesPublisher(sqo, rulesConfig(SqoConfig.RulesMode.AUTO), Clock.systemUTC());
        new RulesPublisher(sqo, rulesConfig(SqoConfig.RulesMode.PROMETHEUSRULE), Clock.systemUTC()).publish(sq);
        assertNotNull(prometheusRule(sq));

        RulesOutcome outcome = withdrawing.withdraw(sq);

        assertEquals("Withdrawn", outcome.reason());
        assertEquals("False", outcome.status());
        assertNull(prometheusRule(sq));

        new RulesPublisher(sqo, rulesConfig(SqoConfig.RulesMode.CONFIGMAP), Clock.systemUTC()).publish(sq);
        assertNotNull(client.configMaps().inNamespace("a").withName("sqo-scenario").get());
        withdrawing.withdraw(sq);
        assertNull(client.configMaps().inNamespace("a").withName("sqo-scenario").get());
    }

    @Test
    void someoneElsesObjectOfTheSameNameStays() {
        ServiceQuality sq = stored("b");
        client.configMaps().inNamespace("b").resource(new ConfigMapBuilder().withNewMetadata().withName("sqo-scenario").endMetadata()
                .addToData("k", "v").build()).create();

        new RulesPublisher(sqo, rulesConfig(SqoConfig.RulesMode.AUTO), Clock.systemUTC()).withdraw(sq);

        assertNotNull(client.configMaps().inNamespace("b").withName("sqo-scenario").get());
    }
}
