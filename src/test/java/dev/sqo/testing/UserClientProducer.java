package dev.sqo.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Gives Quarkus tests their own client, {@link AsUser}, next to the operator's. */
@Singleton
public class UserClientProducer {

    @Produces
    @Singleton
    @AsUser
    KubernetesClient user(KubernetesClient operator) {
        return TestClients.user(operator);
    }
}
