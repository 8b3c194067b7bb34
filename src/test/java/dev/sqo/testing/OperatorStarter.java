package dev.sqo.testing;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Tests do not run the CLI, so they start the operator the way `sqo run` does. */
@ApplicationScoped
public class OperatorStarter {

    void start(@Observes StartupEvent event, Operator operator) {
        operator.start();
    }
}
