package dev.sqo.testing;

import dev.sqo.reconcile.SqoUserAgent;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Clients of the same mock API server that differ by who they say they are: sqo's components (whose requests
 * {@link ApiRequestLog} records) and the test itself, acting as a user or another controller.
 */
public final class TestClients {

    public static final String USER_AGENT = "sqo-tests/1";

    private TestClients() {
    }

    /** The test's own client: a user or another controller, whose requests are not sqo's. */
    public static KubernetesClient user(KubernetesClient client) {
        return as(USER_AGENT, client);
    }

    /** A client as one of sqo's components ({@link SqoUserAgent#OPERATOR}, {@link SqoUserAgent#AGENT}) has it. */
    public static KubernetesClient component(String component, KubernetesClient client) {
        return as(SqoUserAgent.of(component), client);
    }

    private static KubernetesClient as(String userAgent, KubernetesClient client) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build())
                .build();
    }
}
