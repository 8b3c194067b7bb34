package dev.sqo.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the operator against the cluster of the current kubeconfig or service account.",
        footer = {"", "Documentation: docs/cli.md#sqo-run, docs/operator.md"})
public class RunCommand implements Callable<Integer> {

    /** Looked up only when this command runs: the other commands never create the operator. */
    @Inject
    Instance<Operator> operator;

    @Inject
    Instance<KubernetesClient> client;

    @Override
    public Integer call() {
        // Without a reachable API server the informers would fail one by one with stack traces; one sentence is better.
        KubernetesClient kubernetes = client.get();
        try {
            kubernetes.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("sqo run: cannot reach the Kubernetes API at " + kubernetes.getMasterUrl() + " ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "). Point KUBECONFIG at a cluster, or run "
                    + "in one; without a cluster, try ./sqo evaluate -f examples/checkout.yaml --demo.");
            return 1;
        }
        operator.get().start();
        Quarkus.waitForExit();
        return 0;
    }
}
