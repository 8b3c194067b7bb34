package dev.sqo.reconcile;

import dev.sqo.SqoVersion;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * Names sqo's requests: an API server's audit log, and API priority and fairness flow schemas that match on the
 * user agent, tell the operator ({@code sqo/<version>}) and the node agent ({@code sqo-agent/<version>}) apart from
 * other clients of the same service account.
 */
@Singleton
public class SqoUserAgent implements KubernetesConfigCustomizer {

    public static final String OPERATOR = "sqo";
    public static final String AGENT = "sqo-agent";

    @Override
    public void customize(Config config) {
        config.setUserAgent(of(OPERATOR));
    }

    public static String of(String component) {
        return component + "/" + SqoVersion.get();
    }
}
