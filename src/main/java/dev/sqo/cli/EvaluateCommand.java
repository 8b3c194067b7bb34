package dev.sqo.cli;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.SqoApi;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.playground.DemoHistory;
import dev.sqo.playground.LocalPrometheus;
import dev.sqo.reconcile.EvaluationReport;
import dev.sqo.reconcile.OfflineRecommender;
import dev.sqo.reconcile.ServiceQualityEvaluator;
import dev.sqo.reconcile.SignalCollector;
import dev.sqo.reconcile.StatusAggregator;
import dev.sqo.slo.PromDuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Prints, for each ServiceQuality in the inputs, the status the operator would write, computed by the operator's own
 * evaluation path. Stdout carries only that document: one status, or a List naming each resource.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the status the operator would write for each ServiceQuality.",
        footer = {"", "Exit codes: 0 evaluated (and no --fail-on verdict held), 1 a --fail-on verdict held, 2 bad options or input.",
                "Documentation: docs/cli.md#sqo-evaluate"})
public class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ResourceFiles input;

    @ArgGroup(multiplicity = "1")
    Source source;

    static class Source {
        @Option(names = "--prometheus", description = "Base URL of the Prometheus to read, e.g. http://127.0.0.1:9090.")
        URI prometheus;

        @Option(names = "--demo", description = "Start a throwaway local Prometheus loaded with 31 days of bundled demo history.")
        boolean demo;
    }

    @Option(names = "--time", description = "Evaluate as of this RFC 3339 time instead of now.")
    String time;

    @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json (default) or yaml.")
    String output;

    @Option(names = "--timeout", defaultValue = "30s", description = "Timeout of one Prometheus query (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--fail-on", split = ",", paramLabel = "<verdict>", description = "Exit with 1 when one of these holds for "
            + "any ServiceQuality: ${COMPLETION-CANDIDATES}.")
    Set<FailOn> failOn = EnumSet.noneOf(FailOn.class);

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (!"json".equals(output) && !"yaml".equals(output)) {
            err.println("sqo evaluate: -o must be json or yaml, got " + output);
            return ExitCodes.BAD_INPUT;
        }
        CheckedInputs checked = CheckedInputs.of(input.read());
        checked.problems.forEach(p -> err.println("sqo evaluate: " + p));
        if (!checked.problems.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        if (checked.serviceQualities.isEmpty()) {
            err.println("sqo evaluate: no ServiceQuality in " + String.join(", ", input.files));
            return ExitCodes.BAD_INPUT;
        }
        Duration queryTimeout;
        try {
            queryTimeout = PromDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            err.println("sqo evaluate: --timeout " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (queryTimeout.isZero() || (source.prometheus != null && (source.prometheus.getScheme() == null
                || !source.prometheus.getScheme().matches("https?") || source.prometheus.getHost() == null))) {
            err.println("sqo evaluate: --prometheus must be an http(s) URL like http://127.0.0.1:9090, and --timeout positive");
            return ExitCodes.BAD_INPUT;
        }
        Instant at;
        try {
            at = time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            err.println("sqo evaluate: --time must be an RFC 3339 time like 2026-11-22T10:00:00Z, got " + time);
            return ExitCodes.BAD_INPUT;
        }
        if (source.demo) {
            err.println("sqo evaluate: starting a local Prometheus with " + DemoHistory.LENGTH.toDays() + " days of demo history ...");
            try (LocalPrometheus prometheus = DemoHistory.start(at)) {
                err.println("sqo evaluate: Prometheus ready at " + prometheus.url());
                return evaluate(checked, prometheus.url(), queryTimeout, at);
            }
        }
        return evaluate(checked, source.prometheus, queryTimeout, at);
    }

    private int evaluate(CheckedInputs checked, URI prometheus, Duration queryTimeout, Instant at) throws IOException {
        PrometheusEndpoint endpoint = PrometheusEndpoint.anonymous(prometheus, queryTimeout);
        // The command line names the Prometheus for every resource: a spec.prometheus override and its Secrets do not apply.
        HttpPrometheusApi api = new HttpPrometheusApi();
        ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(api),
                new PrometheusEndpointResolver(endpoint, new PrometheusAllowlist(List.of())));
        OfflineRecommender recommender = new OfflineRecommender(new SignalCollector(api));
        List<ServiceQualityStatus> statuses = new ArrayList<>();
        for (ServiceQuality r : checked.serviceQualities) {
            if (r.getSpec().prometheus != null) {
                System.err.println("sqo evaluate: " + r.getMetadata().getName() + ": spec.prometheus is ignored; reading " + prometheus);
                r.getSpec().prometheus = null;
            }
            EvaluationReport report = evaluator.evaluate(r, at, (ns, name, key) -> Optional.empty());
            WorkloadShape workload = checked.workloads.get(r.getMetadata().getNamespace() + "/" + r.getSpec().targetRef.kind + "/"
                    + r.getSpec().targetRef.name);
            statuses.add(StatusAggregator.build(report, null, Optional.empty(),
                    Optional.of(recommender.recommend(r, report, workload, at))));
        }
        Documents.print(statuses.size() == 1 ? statuses.get(0) : named(checked.serviceQualities, statuses), output);
        return verdict(checked.serviceQualities, statuses);
    }

    /** Several results as kubectl shows several objects: a List of ServiceQualities, each with its name and status. */
    private static Object named(List<ServiceQuality> resources, List<ServiceQualityStatus> statuses) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("apiVersion", SqoApi.API_VERSION);
            item.put("kind", "ServiceQuality");
            item.put("metadata", Map.of("name", resources.get(i).getMetadata().getName(),
                    "namespace", resources.get(i).getMetadata().getNamespace()));
            item.put("status", statuses.get(i));
            items.add(item);
        }
        return Documents.list(items);
    }

    private int verdict(List<ServiceQuality> resources, List<ServiceQualityStatus> statuses) {
        int code = ExitCodes.OK;
        for (int i = 0; i < resources.size(); i++) {
            for (FailOn f : failOn) {
                if (f.holds(statuses.get(i))) {
                    System.err.println("sqo evaluate: " + resources.get(i).getMetadata().getNamespace() + "/"
                            + resources.get(i).getMetadata().getName() + ": " + f + " (" + f.meaning + "): " + f.because(statuses.get(i)));
                    code = ExitCodes.CHECK_FAILED;
                }
            }
        }
        return code;
    }
}
