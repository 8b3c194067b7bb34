package dev.sqo.reconcile;

import dev.sqo.actuate.ActionEvents;
import dev.sqo.actuate.HpaFloor;
import dev.sqo.actuate.WorkloadActuator;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.Optimization;
import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.testing.TestPrometheus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's optimization cycle as the reconciler runs it, against an API server the test chooses and the real
 * test Prometheus: evaluate, decide and act, then write the outcome into the status.
 */
final class OptimizationCycles {

    private final ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
            new PrometheusEndpointResolver(PrometheusEndpoint.anonymous(TestPrometheus.url(), Duration.ofSeconds(30)),
                    new PrometheusAllowlist(List.of())));
    private final SignalCollector signals = new SignalCollector(new HttpPrometheusApi());

    /** A fresh operator instance writing with sqo's client: nothing in memory, as after a restart. */
    WorkloadOptimizer operator(KubernetesClient sqo) {
        return new WorkloadOptimizer(new WorkloadReader(sqo), new WorkloadActuator(sqo), new HpaFloor(sqo), new ActionEvents(sqo), signals,
                new ActionCounter(new SimpleMeterRegistry()), Optimization.Mode.Recommend,
                name -> sqo.resources(NodeTuningProfile.class).withName(name).get());
    }

    /** One reconcile's optimization beside the other ServiceQualities of the namespace, its outcome in the status. */
    ServiceQuality cycle(WorkloadOptimizer operator, ServiceQuality sq, List<ServiceQuality> neighbours, Instant now) {
        EvaluationReport report = evaluator.evaluate(sq, now, (ns, n, k) -> Optional.empty());
        OptimizationOutcome outcome = operator.optimize(sq, neighbours, report, now);
        sq.setStatus(StatusAggregator.build(report, sq.getStatus(), Optional.empty(), Optional.of(outcome)));
        return sq;
    }
}
