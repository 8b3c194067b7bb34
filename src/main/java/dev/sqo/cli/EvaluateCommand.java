package dev.sqo.cli;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.SpecValidator;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.metrics.WorkloadSignalObserver;
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
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Prints, for each ServiceQuality in a file, the status the operator would write, computed by the operator's own
 * evaluation path. Stdout carries only that document.
 */
@Command(name = "evaluate", description = "Print the status the operator would write for each ServiceQuality in a file.")
public class EvaluateCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(names = {"-f", "--file"}, required = true, description = "YAML or JSON file with ServiceQuality documents.")
    Path file;

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

    private Map<String, WorkloadShape> workloads = Map.of();

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (!"json".equals(output) && !"yaml".equals(output)) {
            err.println("sqo evaluate: -o must be json or yaml, got " + output);
            return BAD_INPUT;
        }
        List<ServiceQuality> resources;
        try {
            resources = ServiceQualityFiles.read(file);
            workloads = ServiceQualityFiles.workloads(file);
        } catch (ServiceQualityFiles.InvalidFileException e) {
            err.println("sqo evaluate: " + e.getMessage());
            return BAD_INPUT;
        }
        List<String> problems = new ArrayList<>();
        for (ServiceQuality r : resources) {
            SpecValidator.problems(r.getSpec()).forEach(p -> problems.add(file + ": ServiceQuality " + r.getMetadata().getName() + ": " + p));
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("sqo evaluate: " + p));
            return BAD_INPUT;
        }
        Duration queryTimeout;
        try {
            queryTimeout = PromDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            err.println("sqo evaluate: --timeout " + e.getMessage());
            return BAD_INPUT;
        }
        if (queryTimeout.isZero() || (source.prometheus != null && (source.prometheus.getScheme() == null
                || !source.prometheus.getScheme().matches("https?") || source.prometheus.getHost() == null))) {
            err.println("sqo evaluate: --prometheus must be an http(s) URL like http://127.0.0.1:9090, and --timeout positive");
            return BAD_INPUT;
        }
        Instant at;
        try {
            at = time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            err.println("sqo evaluate: --time must be an RFC 3339 time like 2026-11-22T10:00:00Z, got " + time);
            return BAD_INPUT;
        }
        if (source.demo) {
            err.println("sqo evaluate: starting a local Prometheus with " + DemoHistory.LENGTH.toDays() + " days of demo history ...");
            try (LocalPrometheus prometheus = DemoHistory.start(at)) {
                err.println("sqo evaluate: Prometheus ready at " + prometheus.url());
                return evaluate(resources, prometheus.url(), queryTimeout, at);
            }
        }
        return evaluate(resources, source.prometheus, queryTimeout, at);
    }

    private int evaluate(List<ServiceQuality> resources, URI prometheus, Duration queryTimeout, Instant at) throws IOException {
        PrometheusEndpoint endpoint = PrometheusEndpoint.anonymous(prometheus, queryTimeout);
        // The command line names the Prometheus for every resource: a spec.prometheus override and its Secrets do not apply.
        ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
                new PrometheusEndpointResolver(endpoint, new PrometheusAllowlist(List.of())));
        OfflineRecommender recommender = new OfflineRecommender(new SignalCollector(new WorkloadSignalObserver(new HttpPrometheusApi())));
        List<ServiceQualityStatus> statuses = new ArrayList<>();
        for (ServiceQuality r : resources) {
            if (r.getSpec().prometheus != null) {
                System.err.println("sqo evaluate: " + r.getMetadata().getName() + ": spec.prometheus is ignored; reading " + prometheus);
                r.getSpec().prometheus = null;
            }
            if (r.getMetadata().getNamespace() == null) {
                r.getMetadata().setNamespace("default");
            }
            EvaluationReport report = evaluator.evaluate(r, at, (ns, name, key) -> Optional.empty());
            WorkloadShape workload = workloads.get(r.getMetadata().getNamespace() + "/" + r.getSpec().targetRef.kind + "/"
                    + r.getSpec().targetRef.name);
            statuses.add(StatusAggregator.build(report, null, Optional.empty(),
                    Optional.of(recommender.recommend(r, report, workload, at))));
        }
        Object document = statuses.size() == 1 ? statuses.get(0) : statuses;
        Documents.print(document, output);
        return 0;
    }
}
