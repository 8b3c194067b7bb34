package dev.sqo.cli;

import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SpecValidator;
import dev.sqo.rules.PromRuleGroup;
import dev.sqo.rules.PrometheusRuleRenderer;
import dev.sqo.rules.SloRuleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Prints the Prometheus rules the operator publishes, for GitOps users who commit them. */
@Command(name = "rules", description = "Print the Prometheus recording and alert rules of each ServiceQuality in a file.")
public class RulesCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, description = "YAML or JSON file with ServiceQuality documents.")
    Path file;

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml (default) or json.")
    String output;

    @Option(names = "--format", defaultValue = "prometheusrule",
            description = "prometheusrule (default): PrometheusRule objects; rulefile: one plain Prometheus 'groups:' file.")
    String format;

    @Option(names = "--label", description = "Label for the PrometheusRule objects, e.g. --label prometheus=main (repeatable).")
    Map<String, String> labels = Map.of();

    @Override
    public Integer call() throws IOException {
        if (!List.of("yaml", "json").contains(output) || !List.of("prometheusrule", "rulefile").contains(format)) {
            System.err.println("sqo rules: -o is yaml or json and --format is prometheusrule or rulefile");
            return EvaluateCommand.BAD_INPUT;
        }
        List<ServiceQuality> resources;
        try {
            resources = ServiceQualityFiles.read(file);
        } catch (ServiceQualityFiles.InvalidFileException e) {
            System.err.println("sqo rules: " + e.getMessage());
            return EvaluateCommand.BAD_INPUT;
        }
        boolean bad = false;
        for (ServiceQuality r : resources) {
            for (String p : SpecValidator.problems(r.getSpec())) {
                System.err.println("sqo rules: " + file + ": ServiceQuality " + r.getMetadata().getName() + ": " + p);
                bad = true;
            }
            if (r.getMetadata().getNamespace() == null) {
                r.getMetadata().setNamespace("default");
            }
        }
        if (bad) {
            return EvaluateCommand.BAD_INPUT;
        }
        Object document;
        if ("rulefile".equals(format)) {
            List<PromRuleGroup> groups = new ArrayList<>();
            resources.forEach(r -> groups.addAll(SloRuleGenerator.generate(r)));
            document = PromRuleGroup.ruleFile(groups);
        } else {
            List<Object> objects = new ArrayList<>();
            resources.forEach(r -> objects.add(PrometheusRuleRenderer.prometheusRule(r, labels)));
            document = objects.size() == 1 ? objects.get(0) : Map.of("apiVersion", "v1", "kind", "List", "items", objects);
        }
        Documents.print(document, output);
        return 0;
    }
}
