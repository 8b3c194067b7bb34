package dev.sqo.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.actuate.ActionEvents;
import dev.sqo.actuate.HpaFloor;
import dev.sqo.actuate.WorkloadActuator;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Re-evaluates each ServiceQuality on a fixed interval and patches its status when what a person sees changed. */
@ControllerConfiguration(name = "servicequality")
public class ServiceQualityReconciler implements Reconciler<ServiceQuality> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceQualityEvaluator evaluator;
    private final KubernetesSecretSource secrets;
    private final Clock clock;
    private final SqoConfig config;

    private final RulesPublisher rules;
    private final ExclusionGauges exclusions;

    private final WorkloadOptimizer optimizer;

    public ServiceQualityReconciler(ServiceQualityEvaluator evaluator, SignalCollector signals, KubernetesClient client, Clock clock,
                                    SqoConfig config, MeterRegistry registry) {
        this.evaluator = evaluator;
        this.secrets = new KubernetesSecretSource(client);
        this.clock = clock;
        this.config = config;
        this.rules = new RulesPublisher(client, config.rules(), clock);
        this.exclusions = new ExclusionGauges(registry, clock);
        this.optimizer = new WorkloadOptimizer(new WorkloadReader(client), new WorkloadActuator(client), new HpaFloor(client),
                new ActionEvents(client), signals);
    }

    @Override
    public UpdateControl<ServiceQuality> reconcile(ServiceQuality resource, Context<ServiceQuality> context) {
        Instant now = clock.instant();
        EvaluationReport report = evaluator.evaluate(resource, now, secrets);
        Optional<RulesOutcome> published = Optional.empty();
        exclusions.forgetDeleted((namespace, name) -> context.getPrimaryCache().get(new ResourceID(name, namespace)).isPresent());
        if (report.specProblems().isEmpty()) {
            exclusions.update(resource);
            published = Optional.of(rules.publish(resource));
        }
        OptimizationOutcome optimization = optimizer.optimize(resource, report, now);
        ServiceQualityStatus status = StatusAggregator.build(report, resource.getStatus(), published, Optional.of(optimization));
        evaluator.evictIdle(now);
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
