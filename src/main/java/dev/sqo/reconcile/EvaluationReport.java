package dev.sqo.reconcile;

import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.PrometheusEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one evaluation of a ServiceQuality found, before it becomes a status.
 *
 * @param specProblems    field errors; when not empty nothing else was evaluated
 * @param endpointReason  CamelCase reason when the Prometheus override was refused, else null
 * @param source          the Prometheus the numbers came from, for messages
 * @param endpoint        that Prometheus, for the optimization's own queries; null when none was resolved
 */
public record EvaluationReport(ServiceQuality resource, Instant at, Duration window, List<String> specProblems,
                               String endpointReason, String endpointProblem, String source,
                               List<ObjectiveOutcome> objectives, PrometheusEndpoint endpoint, boolean readsOtherNamespaces) {

    /** @param readsOtherNamespaces the problem is that its queries read series of other namespaces (namespaced tenancy) */
    public static EvaluationReport invalidSpec(ServiceQuality resource, Instant at, List<String> problems, boolean readsOtherNamespaces) {
        return new EvaluationReport(resource, at, null, problems, null, null, null, List.of(), null, readsOtherNamespaces);
    }

    public static EvaluationReport endpointRefused(ServiceQuality resource, Instant at, Duration window, String reason,
                                                   String problem) {
        return new EvaluationReport(resource, at, window, List.of(), reason, problem, null, List.of(), null, false);
    }
}
