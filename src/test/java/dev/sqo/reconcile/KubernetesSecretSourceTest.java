package dev.sqo.reconcile;

import dev.sqo.testing.ApiRequestLog;
import dev.sqo.testing.TestClients;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Credentials for a spec.prometheus override: one key of one Secret in the ServiceQuality's namespace, by name. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSecretSourceTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void readsOneKeyOfOneSecretByName() {
        ApiRequestLog.record(server);
        client.resource(new SecretBuilder().withNewMetadata().withName("prometheus-auth").withNamespace("team-a").endMetadata()
                .addToData("token", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)))
                .addToStringData("user", "sqo").build()).create();
        try (KubernetesClient operator = TestClients.component(SqoUserAgent.OPERATOR, client)) {
            KubernetesSecretSource secrets = new KubernetesSecretSource(operator);
            assertEquals(Optional.of("s3cret"), secrets.value("team-a", "prometheus-auth", "token"));
            assertEquals(Optional.empty(), secrets.value("team-a", "prometheus-auth", "password"));
            assertEquals(Optional.empty(), secrets.value("team-b", "prometheus-auth", "token"), "only the resource's own namespace");
        }
    }
}
