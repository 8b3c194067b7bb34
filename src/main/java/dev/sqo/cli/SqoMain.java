package dev.sqo.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

import java.util.Arrays;

/** Entry point: {@code run} (or nothing, as in a container) starts the operator; other commands are one-shot tools. */
@QuarkusMain
public class SqoMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length > 0 && "playground".equals(args[0])) {
            // The playground starts the API server and Prometheus the operator is then configured with, so it runs
            // before Quarkus starts and starts Quarkus itself.
            System.exit(new CommandLine(new PlaygroundCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && !"run".equals(args[0])) {
            // One-shot commands serve nothing: no HTTP listener that could clash with a port in use.
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(SqoMain.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(new SqoCommand(), factory).execute(args);
    }
}
