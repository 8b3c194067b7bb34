package dev.sqo.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.api.admission.FieldError;
import dev.sqo.promql.ConfinementException;
import dev.sqo.promql.PromQLSyntaxException;
import dev.sqo.promql.SelectorConfinement;

import java.util.ArrayList;
import java.util.List;

/**
 * A ServiceQuality's spec as sqo reads it when every tenant is confined to its own namespace: a copy in which each
 * query the tenant wrote (a ratio's expressions, a histogram's selector) selects only series whose namespace label
 * is the resource's. Every query sqo sends and every rule it publishes for an objective is built from these fields,
 * so confining them here confines all of them: the SLI's slices, the request rate and latency the optimization
 * reads, the recording and alert rules. What sqo adds itself (its recordings, cAdvisor series of the target) already
 * selects the resource's own namespace.
 */
public final class NamespaceConfinement {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;

    /** @param label the label that holds a series' namespace, namespace in kube-prometheus */
    public NamespaceConfinement(String label) {
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("the namespace label '" + label + "' is not a Prometheus label name");
        }
        this.label = label;
    }

    /**
     * @param spec a spec admission accepted: its PromQL parses
     * @return the confined copy, or the problems that keep it from being confined; the spec itself is left as it is
     */
    public Confined confine(ServiceQualitySpec spec, String namespace) {
        ServiceQualitySpec copy = JSON.convertValue(spec, ServiceQualitySpec.class);
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < copy.objectives.size(); i++) {
            Objective o = copy.objectives.get(i);
            String at = "spec.objectives[" + i + "]";
            if (o.ratio != null) {
                o.ratio.errors = template(o.ratio.errors, namespace, at + ".ratio.errors", problems);
                o.ratio.good = template(o.ratio.good, namespace, at + ".ratio.good", problems);
                o.ratio.total = template(o.ratio.total, namespace, at + ".ratio.total", problems);
            }
            selector(o.latency, namespace, at + ".latency", problems);
            selector(o.apdex, namespace, at + ".apdex", problems);
            selector(o.latencyPercentile, namespace, at + ".latencyPercentile", problems);
        }
        return problems.isEmpty() ? new Confined(copy, List.of()) : new Confined(null, List.copyOf(problems));
    }

    /** @param spec the confined spec, null when there are problems */
    public record Confined(ServiceQualitySpec spec, List<FieldError> problems) {
    }

    private String template(String expression, String namespace, String path, List<FieldError> problems) {
        if (expression == null) {
            return null;
        }
        try {
            return SelectorConfinement.confine(expression, RatioSli.over(expression, SliExpressions.SAME_LENGTH_WINDOW), label,
                    namespace);
        } catch (ConfinementException e) {
            problems.add(outside(path, expression, e));
        } catch (PromQLSyntaxException e) {
            problems.add(FieldError.invalid(path, expression, e.getMessage()));
        }
        return expression;
    }

    private void selector(HistogramSli h, String namespace, String path, List<FieldError> problems) {
        if (h == null) {
            return;
        }
        // The metric's pattern and the selector's leave no brace but the selector's own.
        String series = h.series("", "");
        try {
            String confined = SelectorConfinement.confine(series, label, namespace);
            h.selector = confined.substring(confined.indexOf('{') + 1, confined.lastIndexOf('}'));
        } catch (ConfinementException e) {
            problems.add(outside(path + ".selector", h.selector, e));
        } catch (PromQLSyntaxException e) {
            problems.add(FieldError.invalid(path + ".selector", h.selector, "not label matchers Prometheus reads: " + e.getReason()));
        }
    }

    private FieldError outside(String path, String value, ConfinementException e) {
        return FieldError.invalid(path, value, "this operator confines each ServiceQuality to the series of its own namespace "
                + "(sqo.prometheus.tenancy=namespaced): " + e.getMessage());
    }
}
