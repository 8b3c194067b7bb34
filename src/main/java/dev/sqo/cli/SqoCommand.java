package dev.sqo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "sqo", mixinStandardHelpOptions = true,
        description = "Service quality operator: SLOs, error budgets and burn rates from Prometheus.",
        subcommands = {RunCommand.class, EvaluateCommand.class, RulesCommand.class, AgentCommand.class,
                SimulateCommand.class, PlaygroundCommand.class})
public class SqoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a sub-command sqo is the operator, which is what a container image runs. */
    @Override
    public Integer call() {
        return spec.subcommands().get("run").getCommand() instanceof RunCommand run ? run.call() : 1;
    }
}
