package dev.sqo.rules;

import dev.sqo.api.Objective;
import dev.sqo.api.RatioSli;
import dev.sqo.promql.BinaryExpr;
import dev.sqo.promql.BinaryOperator;
import dev.sqo.promql.Expr;
import dev.sqo.promql.ParenExpr;
import dev.sqo.promql.PromQL;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A ratio SLI's expressions keep their meaning whatever a user wrote: each one series, each a whole operand. */
class RatioExpressionsTest {

    private static RatioSli ratio(String errors, String good, String total) {
        RatioSli r = new RatioSli();
        r.errors = errors;
        r.good = good;
        r.total = total;
        return r;
    }

    private static Expr top(String promql) throws Exception {
        return unwrap(PromQL.parse(promql));
    }

    @Test
    void aTotalIsNotSummedAgainAndAnythingElseIs() {
        RatioExpressions r = new RatioExpressions(ratio(null, null, "sum(rate(x[{{window}}]))"));
        assertEquals("sum(rate(x[1h]))", r.total("1h"));
        assertEquals("sum(rate(x[1h]))", new RatioExpressions(ratio(null, null, "rate(x[{{window}}])")).total("1h"));
        assertEquals("sum(sum by (code) (rate(x[1h])))", new RatioExpressions(ratio(null, null, "sum by (code) (rate(x[{{window}}]))"))
                .total("1h"), "a sum by a label is several series");
    }

    @Test
    void anExpressionThatIsOneSeriesButBinaryStaysOneOperand() throws Exception {
        Objective o = new Objective();
        o.ratio = ratio("sum(rate(errors_total[{{window}}])) or vector(0)", null,
                "sum(rate(a_total[{{window}}])) + sum(rate(b_total[{{window}}]))");
        String errorRatio = SliRuleExpressions.errorRatio(o, Duration.ofHours(1));
        BinaryExpr division = assertInstanceOf(BinaryExpr.class, top(errorRatio), errorRatio);
        assertEquals(BinaryOperator.DIV, division.operator(), "errors over total, not errors or (0 / total): " + errorRatio);
        assertEquals(BinaryOperator.OR, assertInstanceOf(BinaryExpr.class, unwrap(division.lhs())).operator(), errorRatio);
        assertEquals(BinaryOperator.ADD, assertInstanceOf(BinaryExpr.class, unwrap(division.rhs())).operator(), errorRatio);
    }

    private static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    @Test
    void errorsOfTotalsMetricFallBackToZeroTimesTheWholeTotal() throws Exception {
        RatioExpressions r = new RatioExpressions(ratio("sum(rate(a_total{code=~\"5..\"}[{{window}}]))", null,
                "sum(rate(a_total[{{window}}])) + sum(rate(a_total{kind=\"batch\"}[{{window}}]))"));
        String bad = r.bad("5m");
        BinaryExpr or = assertInstanceOf(BinaryExpr.class, top(bad), bad);
        assertEquals(BinaryOperator.OR, or.operator());
        BinaryExpr zeroTimes = assertInstanceOf(BinaryExpr.class, unwrap(or.rhs()), bad);
        assertEquals(BinaryOperator.MUL, zeroTimes.operator(), "0 * (a + b), not (0 * a) + b: " + bad);
    }

    @Test
    void goodEventsAreSubtractedWhole() throws Exception {
        RatioExpressions r = new RatioExpressions(ratio(null, "sum(rate(ok_total[{{window}}])) or vector(0)",
                "sum(rate(all_total[{{window}}]))"));
        String bad = r.bad("5m");
        BinaryExpr minus = assertInstanceOf(BinaryExpr.class, top(bad), bad);
        assertEquals(BinaryOperator.SUB, minus.operator(), bad);
        assertEquals(BinaryOperator.OR, assertInstanceOf(BinaryExpr.class, unwrap(minus.rhs())).operator(), bad);
    }
}
