package dev.sqo.cli;

import dev.sqo.simulate.HtmlReport;
import dev.sqo.simulate.PolicyResult;
import dev.sqo.simulate.Scenario;
import dev.sqo.simulate.ScenarioFile;
import dev.sqo.simulate.Simulation;
import dev.sqo.slo.PromDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** What would sqo have done? Runs a scenario's traffic under each policy in simulated time and compares them. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Compare sqo with other scaling policies on a scenario's traffic, in simulated time.",
        footer = {"", "Exit codes: 0 simulated, 2 bad options or scenario.", "Documentation: docs/cli.md#sqo-simulate, docs/simulate.md"})
public class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "Scenario YAML file (see examples/scenarios/).")
    Path scenario;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text (default), json or yaml.")
    String output;

    @Option(names = "--report", description = "Also write an HTML report with charts over time to this directory (index.html).")
    Path report;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (!List.of("text", "json", "yaml").contains(output)) {
            err.println("sqo simulate: -o must be text, json or yaml, got " + output);
            return ExitCodes.BAD_INPUT;
        }
        Scenario s;
        try {
            s = ScenarioFile.read(scenario);
        } catch (IllegalArgumentException e) {
            err.println("sqo simulate: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        List<PolicyResult> results = new ArrayList<>();
        for (String policy : s.policies()) {
            results.add(Simulation.run(s, policy));
        }
        if (report != null) {
            err.println("sqo simulate: report written to " + HtmlReport.write(report, scenario, s, results));
        }
        if (output.equals("text")) {
            if (!s.scoreFrom().isZero()) {
                System.out.println("Scored from " + PromDuration.format(s.scoreFrom()) + "; what came before is history.");
            }
            System.out.print(table(results));
        } else {
            // The step-by-step timeline is for reports; the comparison is what a document reader wants.
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PolicyResult r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("policy", r.policy());
                row.put("objectives", r.objectives());
                row.put("replicaHours", round(r.replicaHours()));
                row.put("peakReplicas", r.peakReplicas());
                row.put("actions", r.actions());
                row.put("worstP99Ms", round(r.worstP99Ms()));
                rows.add(row);
            }
            Documents.print(rows, output);
        }
        return 0;
    }

    static String table(List<PolicyResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %-14s %9s %9s %8s %7s %13s %5s %7s %13s%n", "POLICY", "OBJECTIVE", "TARGET",
                "ATTAINED", "BUDGET", "ALERTS", "REPLICA-HOURS", "PEAK", "ACTIONS", "WORST-P99"));
        for (PolicyResult r : results) {
            boolean first = true;
            for (PolicyResult.ObjectiveResult o : r.objectives()) {
                out.append(String.format(Locale.ROOT, "%-12s %-14s %8.2f%% %8.3f%% %7.0f%% %7d %13s %5s %7s %13s%n",
                        first ? r.policy() : "", o.name(), o.target(), o.attainment(), o.budgetConsumed() * 100, o.alertsRaised(),
                        first ? String.format(Locale.ROOT, "%.1f", r.replicaHours()) : "", first ? Integer.toString(r.peakReplicas()) : "",
                        first ? Integer.toString(r.actions()) : "", first ? String.format(Locale.ROOT, "%.0fms", r.worstP99Ms()) : ""));
                first = false;
            }
        }
        return out.toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
