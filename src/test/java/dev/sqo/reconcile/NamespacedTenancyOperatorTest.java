package dev.sqo.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.StatusCondition;
import dev.sqo.testing.AsUser;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.OperatorTestServer;
import dev.sqo.testing.PrometheusTestResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.sqo.testing.StatusWait.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator with sqo.prometheus.tenancy=namespaced: the rules it publishes for a ServiceQuality read only its
 * namespace, and when its spec turns to another namespace's series, it is refused and its rules are withdrawn.
 */
@QuarkusTest
@TestProfile(NamespacedTenancyOperatorTest.Namespaced.class)
@WithKubernetesTestServer(setup = OperatorTestServer.class)
@QuarkusTestResource(PrometheusTestResource.class)
class NamespacedTenancyOperatorTest {

    public static class Namespaced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sqo.prometheus.tenancy", "namespaced");
        }
    }

    @Inject
    @AsUser
    KubernetesClient client;

    @Test
    void publishedRulesReadTheOwnNamespaceAndARefusedSpecLosesThem() throws IOException {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName("tenant");
        sq.getMetadata().setNamespace("team-n");
        client.resource(sq).create();

        ServiceQuality published = awaitStatus(client, "team-n", "tenant", s -> condition(s, "RulesPublished") != null
                && "ConfigMap".equals(condition(s, "RulesPublished").reason));
        String file = client.configMaps().inNamespace("team-n").withName("sqo-tenant").get().getData().get("team-n_tenant.rules.yaml");
        String rules = exprs(file);
        assertTrue(rules.contains("http_requests_total{namespace=\"team-n\",job=\"scenario\",code=~\"5..\"}[5m]"), rules);
        assertTrue(rules.contains("http_request_duration_seconds_count{namespace=\"team-n\",job=\"scenario\"}[5m]"), rules);
        assertFalse(rules.contains("{job=\"scenario\""), "no selector reads every namespace: " + rules);

        ServiceQuality edited = client.resources(ServiceQuality.class).inNamespace("team-n").withName("tenant").get();
        edited.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{namespace=\"team-m\",code=~\"5..\"}[{{window}}]))";
        edited.getMetadata().setGeneration(published.getMetadata().getGeneration() + 1);
        client.resource(edited).update();

        ServiceQuality refused = awaitStatus(client, "team-n", "tenant", s -> "InvalidSpec".equals(condition(s, "Ready").reason));
        StatusCondition ready = condition(refused.getStatus(), "Ready");
        assertEquals("False", ready.status);
        assertTrue(ready.message.contains("spec.objectives[0].ratio.errors: ") && ready.message.contains("namespace=\"team-m\""),
                ready.message);
        assertEquals("Withdrawn", condition(refused.getStatus(), "RulesPublished").reason);
        assertNull(client.configMaps().inNamespace("team-n").withName("sqo-tenant").get(), "the rules are gone");
    }

    /** Every rule's expression, one a line. */
    private static String exprs(String ruleFile) throws IOException {
        StringBuilder out = new StringBuilder();
        for (JsonNode group : new YAMLMapper().readTree(ruleFile).path("groups")) {
            group.path("rules").forEach(rule -> out.append(rule.path("expr").asText()).append('\n'));
        }
        return out.toString();
    }

    private static StatusCondition condition(ServiceQualityStatus status, String type) {
        return status.conditions == null ? null : status.conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
    }
}
