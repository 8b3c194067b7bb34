package dev.sqo.reconcile;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.rules.PrometheusRuleRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Report step for alerting: owns, per ServiceQuality, a PrometheusRule (or, without the Prometheus Operator, a
 * ConfigMap holding the rule file) in the same namespace, and writes it only when its content changed.
 */
final class RulesPublisher {

    static final String PROMETHEUS_RULE_CRD = "prometheusrules.monitoring.coreos.com";
    static final String RULES_LABEL = "sqo.dev/rules";
    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE);

    private final KubernetesClient client;
    private final SqoConfig.Rules config;
    private final Clock clock;
    private Boolean crdInstalled;
    private Instant crdCheckedAt = Instant.MIN;

    RulesPublisher(KubernetesClient client, SqoConfig.Rules config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    RulesOutcome publish(ServiceQuality sq) {
        SqoConfig.RulesMode mode = config.mode();
        if (mode == SqoConfig.RulesMode.OFF) {
            return new RulesOutcome(ConditionSet.FALSE, "Disabled", "The operator publishes no rules (sqo.rules.mode=off).");
        }
        try {
            boolean prometheusRule = mode == SqoConfig.RulesMode.PROMETHEUSRULE
                    || (mode == SqoConfig.RulesMode.AUTO && prometheusRuleCrdInstalled());
            return prometheusRule ? publishPrometheusRule(sq) : publishConfigMap(sq, mode == SqoConfig.RulesMode.AUTO);
        } catch (KubernetesClientException e) {
            return new RulesOutcome(ConditionSet.FALSE, "PublishFailed", "Writing the rules of " + sq.getMetadata().getName()
                    + " failed (HTTP " + e.getCode() + "); check the operator's RBAC for PrometheusRules and ConfigMaps in "
                    + sq.getMetadata().getNamespace() + ".");
        }
    }

    /**
     * Removes the rules sqo published for a ServiceQuality whose queries it cannot confine to the namespace: those
     * published before (by an earlier generation, or while tenancy was shared) may read other namespaces' series.
     */
    RulesOutcome withdraw(ServiceQuality sq) {
        String namespace = sq.getMetadata().getNamespace();
        String name = PrometheusRuleRenderer.objectName(sq);
        try {
            deleteOwned(client.configMaps().inNamespace(namespace).withName(name).get(), sq);
            if (prometheusRuleCrdInstalled()) {
                deleteOwned(client.genericKubernetesResources(PrometheusRuleRenderer.API_VERSION, PrometheusRuleRenderer.KIND)
                        .inNamespace(namespace).withName(name).get(), sq);
            }
            return new RulesOutcome(ConditionSet.FALSE, "Withdrawn", "No rules while the spec selects series of other namespaces: "
                    + "rules published before could read them (sqo.prometheus.tenancy=namespaced).");
        } catch (KubernetesClientException e) {
            return new RulesOutcome(ConditionSet.FALSE, "PublishFailed", "Removing the rules of " + sq.getMetadata().getName()
                    + " failed (HTTP " + e.getCode() + "); check the operator's RBAC for PrometheusRules and ConfigMaps in "
                    + namespace + ".");
        }
    }

    private RulesOutcome publishPrometheusRule(ServiceQuality sq) {
        GenericKubernetesResource desired = PrometheusRuleRenderer.prometheusRule(sq, config.labels());
        desired.getMetadata().setOwnerReferences(List.of(owner(sq)));
        var resources = client.genericKubernetesResources(PrometheusRuleRenderer.API_VERSION, PrometheusRuleRenderer.KIND)
                .inNamespace(sq.getMetadata().getNamespace());
        GenericKubernetesResource existing = resources.withName(desired.getMetadata().getName()).get();
        if (existing == null) {
            resources.resource(desired).create();
        } else if (!sameContent(existing, desired, existing.getAdditionalProperties().get("spec"), desired.getAdditionalProperties().get("spec"))) {
            keepOthersMetadata(existing, desired);
            resources.resource(desired).update();
        }
        deleteOwned(client.configMaps().inNamespace(sq.getMetadata().getNamespace()).withName(desired.getMetadata().getName()).get(), sq);
        return new RulesOutcome(ConditionSet.TRUE, "PrometheusRule", "Recording and alert rules are in PrometheusRule "
                + sq.getMetadata().getNamespace() + "/" + desired.getMetadata().getName() + labelsNote() + ".");
    }

    private RulesOutcome publishConfigMap(ServiceQuality sq, boolean becauseNoCrd) {
        String name = PrometheusRuleRenderer.objectName(sq);
        // "_" appears in neither a namespace nor a name: keys stay unique when a sidecar gathers all namespaces.
        String key = sq.getMetadata().getNamespace() + "_" + sq.getMetadata().getName() + ".rules.yaml";
        Map<String, String> labels = new LinkedHashMap<>(config.labels());
        labels.put(RULES_LABEL, "true");
        labels.put("app.kubernetes.io/managed-by", "sqo");
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(sq.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(sq)).endMetadata()
                .withData(Map.of(key, ruleFile(sq))).build();
        var maps = client.configMaps().inNamespace(sq.getMetadata().getNamespace());
        ConfigMap existing = maps.withName(name).get();
        if (existing == null) {
            maps.resource(desired).create();
        } else if (!sameContent(existing, desired, existing.getData(), desired.getData())) {
            keepOthersMetadata(existing, desired);
            maps.resource(desired).update();
        }
        if (!becauseNoCrd && prometheusRuleCrdInstalled()) {
            deleteOwned(client.genericKubernetesResources(PrometheusRuleRenderer.API_VERSION, PrometheusRuleRenderer.KIND)
                    .inNamespace(sq.getMetadata().getNamespace()).withName(name).get(), sq);
        }
        return new RulesOutcome(ConditionSet.TRUE, "ConfigMap", "Recording and alert rules are in ConfigMap "
                + sq.getMetadata().getNamespace() + "/" + name + " (key " + key + ")"
                + (becauseNoCrd ? " because the PrometheusRule CRD (monitoring.coreos.com/v1) is not installed" : "")
                + labelsNote() + "; load it into Prometheus as a rule file.");
    }

    /**
     * Whether what sqo sets is already there. Labels and owners others added (Argo CD, policies, kubectl) are
     * theirs: they neither count as a difference nor get removed.
     */
    private static boolean sameContent(HasMetadata existing, HasMetadata desired, Object existingBody, Object desiredBody) {
        Map<String, String> labels = existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
        List<OwnerReference> owners = existing.getMetadata().getOwnerReferences() == null ? List.of() : existing.getMetadata().getOwnerReferences();
        return Objects.equals(existingBody, desiredBody)
                && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && owners.containsAll(desired.getMetadata().getOwnerReferences());
    }

    private static void keepOthersMetadata(HasMetadata existing, HasMetadata desired) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (existing.getMetadata().getLabels() != null) {
            labels.putAll(existing.getMetadata().getLabels());
        }
        labels.putAll(desired.getMetadata().getLabels());
        desired.getMetadata().setLabels(labels);
        desired.getMetadata().setAnnotations(existing.getMetadata().getAnnotations());
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    }

    /** After a switch between PrometheusRule and ConfigMap: Prometheus must not load the same rules twice. */
    private void deleteOwned(HasMetadata other, ServiceQuality sq) {
        if (other != null && other.getMetadata().getOwnerReferences() != null && other.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Objects.equals(o.getUid(), sq.getMetadata().getUid()))) {
            client.resource(other).delete();
        }
    }

    private String labelsNote() {
        return config.labels().isEmpty() ? "" : " with labels " + config.labels();
    }

    private synchronized boolean prometheusRuleCrdInstalled() {
        Instant now = clock.instant();
        if (crdInstalled == null || !now.isBefore(crdCheckedAt.plus(config.crdCheckInterval()))) {
            crdInstalled = client.apiextensions().v1().customResourceDefinitions().withName(PROMETHEUS_RULE_CRD).get() != null;
            crdCheckedAt = now;
        }
        return crdInstalled;
    }

    /** Garbage collection removes the rules with their ServiceQuality. */
    private static OwnerReference owner(ServiceQuality sq) {
        return new OwnerReferenceBuilder().withApiVersion(sq.getApiVersion()).withKind(sq.getKind())
                .withName(sq.getMetadata().getName()).withUid(sq.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static String ruleFile(ServiceQuality sq) {
        try {
            return YAML.writeValueAsString(PrometheusRuleRenderer.ruleFile(sq));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
