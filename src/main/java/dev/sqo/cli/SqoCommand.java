package dev.sqo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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

    /**
     * The command line every entry point runs: an exception the command did not turn into an answer exits with
     * {@link ExitCodes#FAILED} and one line, never with the 1 that --fail-on and validate give a verdict.
     */
    static CommandLine commandLine(Object command, CommandLine.IFactory factory) {
        CommandLine line = factory == null ? new CommandLine(command) : new CommandLine(command, factory);
        return line.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("sqo " + failed.getCommandName() + ": failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCodes.FAILED;
        });
    }

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
