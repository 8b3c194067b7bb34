package dev.sqo.reconcile;

import dev.sqo.metrics.SecretSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Secrets of the ServiceQuality's own namespace, read when an evaluation needs them. */
final class KubernetesSecretSource implements SecretSource {

    private final KubernetesClient client;

    KubernetesSecretSource(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<String> value(String namespace, String name, String key) {
        try {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                return Optional.empty();
            }
            if (secret.getData() != null && secret.getData().containsKey(key)) {
                return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
            }
            return secret.getStringData() == null ? Optional.empty() : Optional.ofNullable(secret.getStringData().get(key));
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }
}
