package dev.sqo.rules;

import dev.sqo.api.ServiceQuality;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules of a ServiceQuality as a Prometheus Operator PrometheusRule, or as a plain rule file. */
public final class PrometheusRuleRenderer {

    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String KIND = "PrometheusRule";

    private PrometheusRuleRenderer() {
    }

    /** Name of the PrometheusRule (or ConfigMap) that holds a ServiceQuality's rules. */
    public static String objectName(ServiceQuality sq) {
        return "sqo-" + sq.getMetadata().getName();
    }

    public static GenericKubernetesResource prometheusRule(ServiceQuality sq, Map<String, String> labels) {
        Map<String, Object> spec = new LinkedHashMap<>(ruleFile(sq));
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put("app.kubernetes.io/managed-by", "sqo");
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata()
                .withName(objectName(sq))
                .withNamespace(sq.getMetadata().getNamespace())
                .withLabels(allLabels)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    public static Map<String, Object> ruleFile(ServiceQuality sq) {
        List<PromRuleGroup> groups = SloRuleGenerator.generate(sq);
        return PromRuleGroup.ruleFile(groups);
    }
}
