package dev.sqo.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.actuate.ActionEvents;
import dev.sqo.actuate.HpaFloor;
import dev.sqo.actuate.WorkloadActuator;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/** Re-evaluates each ServiceQuality on a fixed interval and patches its status when what a person sees changed. */
@ControllerConfiguration(name = "servicequality")
public class ServiceQualityReconciler implements Reconciler<ServiceQuality>, Cleaner<ServiceQuality> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ServiceQualityReconciler.class);

    private final ServiceQualityEvaluator evaluator;
    private final KubernetesSecretSource secrets;
    private final Clock clock;
    private final SqoConfig config;

    private final RulesPublisher rules;
    private final ExclusionGauges exclusions;
    private final ObjectiveGauges objectives;
    private final ReconcileTimer timer;

    private final WorkloadOptimizer optimizer;
    private final FloorReleaseOnDeletion floorRelease;
    private final SignalCollector signals;

    public ServiceQualityReconciler(ServiceQualityEvaluator evaluator, SignalCollector signals, KubernetesClient client, Clock clock,
                                    SqoConfig config, MeterRegistry registry) {
        this.evaluator = evaluator;
        this.secrets = new KubernetesSecretSource(client);
        this.clock = clock;
        this.config = config;
        this.rules = new RulesPublisher(client, config.rules(), clock);
        this.exclusions = new ExclusionGauges(registry, clock);
        this.objectives = new ObjectiveGauges(registry);
        this.timer = new ReconcileTimer(registry, "servicequality");
        this.optimizer = new WorkloadOptimizer(new WorkloadReader(client), new WorkloadActuator(client), new HpaFloor(client),
                new ActionEvents(client), signals, new ActionCounter(registry), config.optimization().defaultMode().mode,
                name -> client.resources(NodeTuningProfile.class).withName(name).get());
        this.floorRelease = new FloorReleaseOnDeletion(optimizer);
        this.signals = signals;
    }

    /** A bug in deciding or acting must not become a reconcile retry loop: it becomes a condition and a log line. */
    private OptimizationOutcome optimize(ServiceQuality resource, List<ServiceQuality> neighbours, EvaluationReport report, Instant now) {
        try {
            return optimizer.optimize(resource, neighbours, report, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "optimizing %s/%s failed", resource.getMetadata().getNamespace(), resource.getMetadata().getName());
            return OptimizationOutcome.idle(resource.getStatus(), ConditionSet.FALSE, "InternalError",
                    "Optimization failed with " + e.getClass().getSimpleName() + "; see the operator's log. Nothing was changed "
                            + "in this cycle.");
        }
    }

    /**
     * A deleted ServiceQuality gives back what it took: a raised HPA floor returns to its original, and until it has,
     * the finalizer stays; then what was cached for it is forgotten. Rules and ConfigMaps go with their owner
     * reference; exclusion gauges are pruned on the next reconcile.
     */
    @Override
    public DeleteControl cleanup(ServiceQuality resource, Context<ServiceQuality> context) {
        DeleteControl control = floorRelease.release(resource, neighbours(resource, context), clock.instant());
        if (control.isRemoveFinalizer()) {
            objectives.forget(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
            evaluator.forget(resource);
            signals.forget(resource);
        }
        return control;
    }

    /** The ServiceQualities of the resource's namespace, from the informer's cache: no request per cycle. */
    private static List<ServiceQuality> neighbours(ServiceQuality resource, Context<ServiceQuality> context) {
        return context.getPrimaryCache().list(resource.getMetadata().getNamespace()).toList();
    }

    @Override
    public UpdateControl<ServiceQuality> reconcile(ServiceQuality resource, Context<ServiceQuality> context) {
        return timer.time(() -> evaluateAndAct(resource, context));
    }

    private UpdateControl<ServiceQuality> evaluateAndAct(ServiceQuality resource, Context<ServiceQuality> context) {
        Instant now = clock.instant();
        EvaluationReport report = evaluator.evaluate(resource, now, secrets);
        // As evaluated: with namespaced tenancy the rules and the optimization read the confined queries.
        ServiceQuality read = report.resource();
        Optional<RulesOutcome> published = Optional.empty();
        BiPredicate<String, String> exists = (namespace, name) -> context.getPrimaryCache().get(new ResourceID(name, namespace)).isPresent();
        exclusions.forgetDeleted(exists);
        objectives.forgetDeleted(exists);
        if (report.specProblems().isEmpty()) {
            exclusions.update(resource);
            published = Optional.of(rules.publish(read));
        } else if (report.readsOtherNamespaces()) {
            // Rules published before namespaced tenancy may read those namespaces' series. Rules of a spec that is
            // wrong in another way were published confined, and keep alerting until it is fixed.
            published = Optional.of(rules.withdraw(resource));
        }
        OptimizationOutcome optimization = optimize(read, neighbours(resource, context), report, now);
        ServiceQualityStatus status = StatusAggregator.build(report, resource.getStatus(), published, Optional.of(optimization));
        objectives.update(resource.getMetadata().getNamespace(), resource.getMetadata().getName(), status);
        evaluator.evictIdle(now);
        signals.evictIdle(now);
        optimizer.evictIdle(now);
        UpdateControl<ServiceQuality> control;
        if (JSON.valueToTree(status).equals(JSON.valueToTree(resource.getStatus()))) {
            control = UpdateControl.noUpdate();
        } else {
            ServiceQuality patch = new ServiceQuality();
            patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace()).build());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return control.rescheduleAfter(config.reconcile().interval());
    }
}
