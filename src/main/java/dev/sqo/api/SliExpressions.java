package dev.sqo.api;

import dev.sqo.api.admission.FieldError;
import dev.sqo.promql.Expr;
import dev.sqo.promql.PromQL;
import dev.sqo.promql.PromQLSyntaxException;
import dev.sqo.promql.ValueType;

import java.util.List;

/**
 * The PromQL of an SLI checked where it enters, as Prometheus would parse it: a ratio's expressions must each be an
 * instant vector over {{window}}, a histogram's selector must be label matchers. The message names the field,
 * quotes the expression as written and gives Prometheus' reason, instead of a bad_data about the query sqo builds.
 */
final class SliExpressions {

    /** As long as {{window}}, so that Prometheus' positions fall on the user's own text. */
    static final String SAME_LENGTH_WINDOW = "999999999s";

    private SliExpressions() {
    }

    static void check(Objective o, String at, List<FieldError> out) {
        if (o.ratio != null) {
            ratio("errors", o.ratio.errors, at + ".ratio", out);
            ratio("good", o.ratio.good, at + ".ratio", out);
            ratio("total", o.ratio.total, at + ".ratio", out);
        }
        for (var h : new HistogramSli[]{o.latency, o.latencyPercentile, o.apdex}) {
            if (h != null) {
                selector(h, at + "." + (h == o.latency ? "latency" : h == o.apdex ? "apdex" : "latencyPercentile"), out);
            }
        }
    }

    private static void ratio(String field, String expression, String at, List<FieldError> out) {
        if (expression == null) {
            return;
        }
        String path = at + "." + field;
        try {
            Expr parsed = PromQL.parse(RatioSli.over(expression, SAME_LENGTH_WINDOW));
            if (parsed.type() != ValueType.INSTANT_VECTOR) {
                out.add(FieldError.invalid(path, expression, "must be an instant vector, got " + parsed.type()
                        + (parsed.type() == ValueType.RANGE_VECTOR ? ": take its rate() or increase() over " + RatioSli.WINDOW : "")));
            }
        } catch (PromQLSyntaxException e) {
            out.add(FieldError.invalid(path, expression, e.getMessage()));
        }
    }

    private static void selector(HistogramSli h, String at, List<FieldError> out) {
        if (h.selector == null || h.selector.isBlank()) {
            return;
        }
        try {
            PromQL.parse(h.series("_count", ""));
        } catch (PromQLSyntaxException e) {
            // Positions would point into sqo's own query, not the selector: the reason alone.
            out.add(FieldError.invalid(at + ".selector", h.selector, "not label matchers Prometheus reads: " + e.getReason()));
        }
    }
}
