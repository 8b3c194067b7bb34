package dev.sqo.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Entry point: {@code run} (or nothing, as in a container) starts the operator; other commands are one-shot tools. */
@QuarkusMain
public class SqoMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
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
