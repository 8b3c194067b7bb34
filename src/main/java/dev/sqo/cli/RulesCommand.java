package dev.sqo.cli;

import dev.sqo.api.ServiceQuality;
import dev.sqo.rules.PromRuleGroup;
import dev.sqo.rules.PrometheusRuleRenderer;
import dev.sqo.rules.SloRuleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Prints the Prometheus rules the operator publishes, for GitOps users who commit them. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the Prometheus recording and alert rules of each ServiceQuality.",
        footer = {"", "Exit codes: 0 printed, 2 bad options or input (each problem on stderr, with its file and line).",
                "Documentation: docs/cli.md#sqo-rules, docs/rules.md"})
public class RulesCommand implements Callable<Integer> {

    @Mixin
    ResourceFiles input;

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml (default) or json.")
    String output;

    @Option(names = "--format", defaultValue = "prometheusrule",
            description = "prometheusrule (default): PrometheusRule objects; rulefile: one plain Prometheus 'groups:' file.")
    String format;

    @Option(names = "--label", paramLabel = "<key=value>", description = "A label for the PrometheusRule objects (for a "
            + "ruleSelector), or with --format rulefile for every rule; repeatable.")
    Map<String, String> labels = Map.of();

    @Override
    public Integer call() throws IOException {
        if (!List.of("yaml", "json").contains(output) || !List.of("prometheusrule", "rulefile").contains(format)) {
            System.err.println("sqo rules: -o is yaml or json and --format is prometheusrule or rulefile");
            return ExitCodes.BAD_INPUT;
        }
        CheckedInputs checked = CheckedInputs.of(input.read());
        checked.problems.forEach(p -> System.err.println("sqo rules: " + p));
        if (!checked.problems.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        List<ServiceQuality> resources = checked.serviceQualities;
        if (resources.isEmpty()) {
            System.err.println("sqo rules: no ServiceQuality in " + String.join(", ", input.files));
            return ExitCodes.BAD_INPUT;
        }
        Object document;
        if ("rulefile".equals(format)) {
            List<PromRuleGroup> groups = new ArrayList<>();
            resources.forEach(r -> SloRuleGenerator.generate(r).forEach(g -> groups.add(g.withLabels(labels))));
            document = PromRuleGroup.ruleFile(groups);
        } else {
            List<Object> objects = new ArrayList<>();
            resources.forEach(r -> objects.add(PrometheusRuleRenderer.prometheusRule(r, labels)));
            document = objects.size() == 1 ? objects.get(0) : Documents.list(objects);
        }
        Documents.print(document, output);
        return ExitCodes.OK;
    }
}
