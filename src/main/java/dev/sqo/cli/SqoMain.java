package dev.sqo.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;

/** Entry point: {@code run} (or nothing, in a pod) starts the operator; other commands are one-shot tools. */
@QuarkusMain
public class SqoMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length > 0 && "playground".equals(args[0])) {
            // The playground starts the API server and Prometheus the operator is then configured with, so it runs
            // before Quarkus starts and starts Quarkus itself.
            System.exit(SqoCommand.commandLine(new PlaygroundCommand(), null).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (!startsOperator(args)) {
            // One-shot commands serve nothing (no HTTP listener that could clash with a port in use), and say only
            // what they were asked: Quarkus' start and stop lines are for the operator's log.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        Quarkus.run(SqoMain.class, args);
    }

    /** `sqo run`, or a bare `sqo` in a pod (see {@link SqoCommand#call()}), unless only its help or version is asked. */
    private static boolean startsOperator(String... args) {
        List<String> all = Arrays.asList(args);
        if (all.stream().anyMatch(a -> List.of("-h", "--help", "-V", "--version").contains(a))) {
            return false;
        }
        return args.length == 0 ? SqoCommand.inCluster() : "run".equals(args[0]);
    }

    @Override
    public int run(String... args) {
        return SqoCommand.commandLine(new SqoCommand(), factory).execute(args);
    }
}
