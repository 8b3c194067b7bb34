package dev.sqo.cli;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", description = "Run the operator against the cluster of the current kubeconfig or service account.")
public class RunCommand implements Callable<Integer> {

    /** Looked up only when this command runs: the other commands never create the operator. */
    @Inject
    Instance<Operator> operator;

    @Override
    public Integer call() {
        operator.get().start();
        Quarkus.waitForExit();
        return 0;
    }
}
