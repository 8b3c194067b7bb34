package dev.sqo.api;

import dev.sqo.api.admission.FieldError;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An SLI's PromQL is parsed where it enters: the field, the expression as written, and Prometheus' reason. */
class SliExpressionsTest {

    private static List<String> problems(ServiceQualitySpec spec) {
        return SpecValidator.semanticProblems(spec).stream().map(FieldError::toString).toList();
    }

    private static ServiceQualitySpec spec() {
        return Fixtures.serviceQuality("scenario.yaml").getSpec();
    }

    @Test
    void theFixturesExpressionsParse() {
        assertEquals(List.of(), problems(spec()));
    }

    @Test
    void aParseErrorQuotesTheExpressionAndPrometheusReason() {
        ServiceQualitySpec s = spec();
        s.objectives.get(0).ratio.errors = "sum(rate(x{code=~\"5..\"}[{{window}}])) / ";
        assertEquals(List.of("spec.objectives[0].ratio.errors: Invalid value: \"sum(rate(x{code=~\\\"5..\\\"}[{{window}}])) / \": "
                + "1:41: parse error: unexpected end of input"), problems(s));
    }

    @Test
    void aRangeVectorNeedsARate() {
        ServiceQualitySpec s = spec();
        s.objectives.get(0).ratio.total = "x[{{window}}]";
        assertEquals(List.of("spec.objectives[0].ratio.total: Invalid value: \"x[{{window}}]\": must be an instant vector, got range "
                + "vector: take its rate() or increase() over {{window}}"), problems(s));
    }

    @Test
    void aSumOfARangeVectorGetsPrometheusOwnWords() {
        ServiceQualitySpec s = spec();
        s.objectives.get(0).ratio.total = "sum(x[{{window}}])";
        assertEquals(List.of("spec.objectives[0].ratio.total: Invalid value: \"sum(x[{{window}}])\": 1:5: parse error: expected type "
                + "instant vector in aggregation expression, got range vector"), problems(s));
    }

    @Test
    void aSelectorMustBeLabelMatchers() {
        ServiceQualitySpec s = spec();
        s.objectives.get(1).latency.selector = "job=checkout";
        List<String> problems = problems(s);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("spec.objectives[1].latency.selector: Invalid value: \"job=checkout\": not label "
                + "matchers Prometheus reads: "), problems.get(0));
    }
}
