package dev.sqo.reconcile;

import dev.sqo.api.NamespaceConfinement;
import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualitySpec;
import dev.sqo.metrics.EndpointRefusedException;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.PrometheusQueryException;
import dev.sqo.metrics.SecretSource;
import dev.sqo.metrics.SliObserver;
import dev.sqo.metrics.SliPlanException;
import dev.sqo.rules.SloSeries;
import dev.sqo.slo.ExclusionSchedule;
import dev.sqo.slo.ObjectiveEvaluation;
import dev.sqo.slo.ObjectiveEvaluator;
import dev.sqo.slo.PromDuration;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observe and evaluate for one ServiceQuality: the path the reconciler and {@code sqo evaluate} share. Nothing
 * here throws for bad input or a failing Prometheus; every problem ends up in the report.
 */
public final class ServiceQualityEvaluator {

    private final SliObserver observer;
    private final PrometheusEndpointResolver endpoints;
    private final SpecProblems specProblems;

    /** Reads each resource's queries as written: any namespace's series (shared tenancy). */
    public ServiceQualityEvaluator(SliObserver observer, PrometheusEndpointResolver endpoints) {
        this(observer, endpoints, Optional.empty());
    }

    /** @param confinement how each resource's queries are confined to its namespace; empty when they are not */
    public ServiceQualityEvaluator(SliObserver observer, PrometheusEndpointResolver endpoints,
                                   Optional<NamespaceConfinement> confinement) {
        this.observer = observer;
        this.endpoints = endpoints;
        this.specProblems = new SpecProblems(confinement);
    }

    /**
     * The report's resource is the one to act and publish rules on: with confinement, a copy whose spec holds the
     * confined queries (the same metadata and status).
     */
    public EvaluationReport evaluate(ServiceQuality stored, Instant at, SecretSource secrets) {
        SpecProblems.Judged judged = specProblems.of(stored);
        if (!judged.problems().isEmpty()) {
            return EvaluationReport.invalidSpec(stored, at, judged.problems(), judged.readsOtherNamespaces());
        }
        ServiceQuality resource = withSpec(stored, judged.spec());
        ServiceQualitySpec spec = resource.getSpec();
        Duration window = PromDuration.parse(spec.window);
        PrometheusEndpoint endpoint;
        try {
            endpoint = endpoints.resolve(spec.prometheus, resource.getMetadata().getNamespace(), secrets);
        } catch (EndpointRefusedException e) {
            return EvaluationReport.endpointRefused(resource, at, window, e.reason(), e.getMessage());
        }
        ExclusionSchedule exclusions = spec.exclusionSchedule();
        List<ObjectiveOutcome> outcomes = new ArrayList<>();
        for (Objective objective : spec.objectives) {
            outcomes.add(evaluate(resource, endpoint, objective, window, exclusions, at));
        }
        // A cycle that could not read an objective does not say which cached slices it still needs: keeping them
        // saves re-reading whole windows from a Prometheus that is already failing.
        if (outcomes.stream().noneMatch(o -> "QueryFailed".equals(o.problemReason()))) {
            observer.settle(CacheOwner.of(resource), at);
        }
        return new EvaluationReport(resource, at, window, List.of(), null, null, endpoint.toString(), outcomes, endpoint, false);
    }

    private static ServiceQuality withSpec(ServiceQuality stored, ServiceQualitySpec spec) {
        if (spec == stored.getSpec()) {
            return stored;
        }
        ServiceQuality read = new ServiceQuality();
        read.setMetadata(stored.getMetadata());
        read.setSpec(spec);
        read.setStatus(stored.getStatus());
        return read;
    }

    private static Map<String, String> identity(ServiceQuality resource, Objective objective) {
        return SloSeries.identity(resource.getMetadata().getNamespace(), resource.getMetadata().getName(), objective);
    }

    private ObjectiveOutcome evaluate(ServiceQuality resource, PrometheusEndpoint endpoint, Objective objective, Duration window,
                                      ExclusionSchedule exclusions, Instant at) {
        try {
            SliObserver.Observation observed = observer.observe(CacheOwner.of(resource), endpoint, identity(resource, objective), objective, window, at);
            // A recorded 5-minute rate is read as of its rule evaluation, up to one interval before the slice's end,
            // so the slice after a maintenance window can still hold its last minute: leave that slice out too.
            ExclusionSchedule applied = observed.source() == SliObserver.Source.RECORDED ? exclusions.endingLater(SliceSeries.SLICE) : exclusions;
            ObjectiveEvaluation evaluation = ObjectiveEvaluator.evaluate(observed.slices(), objective.target, window, applied, at);
            if (!evaluation.hasData()) {
                return ObjectiveOutcome.withoutData(objective, evaluation, observed.source(), observer.whyNoData(endpoint, objective, at));
            }
            return ObjectiveOutcome.measured(objective, evaluation, observed.source());
        } catch (PrometheusQueryException e) {
            return ObjectiveOutcome.failed(objective, "QueryFailed", e.getMessage());
        } catch (SliPlanException e) {
            return ObjectiveOutcome.failed(objective, "InvalidSLI", e.getMessage());
        } catch (RuntimeException e) {
            // A bug or an input nothing validated must not turn into a reconcile retry loop; the exception's own
            // message could carry a credential, so only its type is shown.
            return ObjectiveOutcome.failed(objective, "QueryFailed", "objective " + objective.name
                    + ": unexpected " + e.getClass().getSimpleName() + " while querying " + endpoint);
        }
    }

    public void evictIdle(Instant now) {
        observer.evictIdle(now);
    }

    /** The resource was deleted: what was cached for it goes. */
    public void forget(ServiceQuality resource) {
        observer.forget(CacheOwner.of(resource));
    }
}
