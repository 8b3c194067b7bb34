package dev.sqo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sqo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Service quality operator: SLOs, error budgets and burn rates from Prometheus, and actions within bounds.",
        subcommands = {RunCommand.class, ValidateCommand.class, EvaluateCommand.class, RulesCommand.class, SimulateCommand.class,
                PlaygroundCommand.class, AgentCommand.class},
        footer = {"", "Start with ./sqo playground, or ./sqo evaluate -f examples/checkout.yaml --demo.",
                "Documentation: docs/cli.md"})
public class SqoCommand implements Callable<Integer> {

    /** Where Kubernetes mounts a pod's service account token. */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    @Spec
    CommandSpec spec;

    static boolean inCluster() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.exists(SERVICE_ACCOUNT_TOKEN);
    }

    /**
     * In a pod, without a sub-command, sqo is the operator (what a container runs). Anywhere else it shows the help
     * rather than start an operator against whatever kube-context happens to be current.
     */
    @Override
    public Integer call() {
        if (inCluster() && spec.subcommands().get("run").getCommand() instanceof RunCommand run) {
            return run.call();
        }
        spec.commandLine().usage(System.out);
        return ExitCodes.OK;
    }
}
