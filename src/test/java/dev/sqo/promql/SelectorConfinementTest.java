package dev.sqo.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Confinement to a namespace: every selector of a query reads only namespace "a", wherever it sits, and a selector
 * that asks for anything else is refused, never rewritten.
 */
class SelectorConfinementTest {

    private static String confine(String query) throws Exception {
        String confined = SelectorConfinement.confine(query, "namespace", "a");
        PromQL.parse(confined); // what Prometheus runs must still parse
        return confined;
    }

    /** Every selector of the confined query matches namespace="a", and that is all that changed. */
    private static void assertConfined(String expected, String query) throws Exception {
        String confined = confine(query);
        assertEquals(expected, confined);
        for (VectorSelector s : Selectors.of(PromQL.parse(confined))) {
            assertTrue(s.matchers().contains(new LabelMatcher("namespace", MatchType.EQUAL, "a")), s.toString());
        }
    }

    @Test
    void aSelectorGetsTheNamespaceMatcher() throws Exception {
        assertConfined("http_requests_total{namespace=\"a\",job=\"x\"}", "http_requests_total{job=\"x\"}");
        assertConfined("http_requests_total{namespace=\"a\"}", "http_requests_total");
        assertConfined("http_requests_total{namespace=\"a\"}", "http_requests_total{}");
        assertConfined("{namespace=\"a\",__name__=~\"http_.*\",job=\"x\"}", "{__name__=~\"http_.*\",job=\"x\"}");
        assertConfined("{namespace=\"a\",\"my.metric\"}", "{\"my.metric\"}");
    }

    @Test
    void rangesSubqueriesAggregationsAndBinaryExpressionsAreAllConfined() throws Exception {
        assertConfined("sum(rate(http_requests_total{namespace=\"a\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{namespace=\"a\"}[5m]))",
                "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))");
        assertConfined("max_over_time(rate(x{namespace=\"a\"}[5m])[1h:1m])", "max_over_time(rate(x[5m])[1h:1m])");
        assertConfined("topk(3, y{namespace=\"a\"} offset 1h @ 100) by (job) and on (job) z{namespace=\"a\"} unless w{namespace=\"a\",k=\"v\"}",
                "topk(3, y offset 1h @ 100) by (job) and on (job) z unless w{k=\"v\"}");
        assertConfined("histogram_quantile(0.99, sum by (le) (rate(h_bucket{namespace=\"a\",le=~\".*\"}[5m])))",
                "histogram_quantile(0.99, sum by (le) (rate(h_bucket{le=~\".*\"}[5m])))");
        assertConfined("-x{namespace=\"a\"} * 2 + (absent(y{namespace=\"a\"}) or vector(0))", "-x * 2 + (absent(y) or vector(0))");
    }

    @Test
    void labelReplaceCannotWidenTheSelectorItWraps() throws Exception {
        assertConfined("label_replace(up{namespace=\"a\",job=\"x\"}, \"namespace\", \"b\", \"\", \"\")",
                "label_replace(up{job=\"x\"}, \"namespace\", \"b\", \"\", \"\")");
    }

    @Test
    void sqosOwnRecordingsAreConfinedLikeAnyOtherSeries() throws Exception {
        assertConfined("slo:sli_error:ratio_rate5m{namespace=\"a\",sqo_service=\"checkout\"}",
                "slo:sli_error:ratio_rate5m{sqo_service=\"checkout\"}");
        assertThrows(ConfinementException.class, () -> confine("slo:sli_error:ratio_rate5m{namespace=\"b\"}"));
    }

    @Test
    void theAuthorsTextStaysAsWritten() throws Exception {
        assertConfined("sum(rate(foo # requests\n  {namespace=\"a\", job = 'x' }[5m] offset 1d))",
                "sum(rate(foo # requests\n  { job = 'x' }[5m] offset 1d))");
    }

    @Test
    void theOwnNamespaceIsKept() throws Exception {
        assertConfined("rate(x{namespace=\"a\",job=\"x\"}[5m]) / rate(y{namespace=\"a\"}[5m])",
                "rate(x{namespace=\"a\",job=\"x\"}[5m]) / rate(y[5m])");
    }

    /** The workload signals sqo builds itself (cAdvisor) select the namespace already: they read the same. */
    @Test
    void sqosOwnWorkloadQueriesAreUnchanged() throws Exception {
        String cpu = "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"a\",pod=~\"web-[a-z0-9]{5,10}\","
                + "container!=\"\",container!=\"POD\"}[5m]))";
        assertEquals(cpu, confine(cpu));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x{namespace=\"b\"}", "x{namespace=~\".+\"}", "x{namespace!=\"a\"}", "x{namespace=~\"a|b\"}",
            "x{namespace=\"\"}", "x{namespace!~\"b\"}", "x{namespace=\"a\",namespace!=\"b\"}", "{\"namespace\"=\"b\",__name__=\"x\"}"})
    void aSelectorThatMayReadAnotherNamespaceIsRefused(String selector) {
        ConfinementException e = assertThrows(ConfinementException.class,
                () -> confine("sum(rate(y[5m])) / sum(rate(" + selector + "[5m]))"));
        assertEquals(List.of(selector), e.selectors());
        assertTrue(e.getMessage().contains("write namespace=\"a\" or leave namespace out"), e.getMessage());
    }

    @Test
    void everyOffendingSelectorIsNamed() {
        ConfinementException e = assertThrows(ConfinementException.class,
                () -> confine("x{namespace=\"b\"} or y{namespace=~\".*\"} or z"));
        assertEquals(List.of("x{namespace=\"b\"}", "y{namespace=~\".*\"}"), e.selectors());
        assertEquals("selectors x{namespace=\"b\"}, y{namespace=~\".*\"} may read series whose namespace is not \"a\"; "
                + "write namespace=\"a\" or leave namespace out", e.getMessage());
    }

    @Test
    void aTemplateIsConfinedWhereItsFilledInFormHasItsSelectors() throws Exception {
        String template = "sum(rate(x{job=\"x\"}[{{window}}]))";
        assertEquals("sum(rate(x{namespace=\"a\",job=\"x\"}[{{window}}]))",
                SelectorConfinement.confine(template, template.replace("{{window}}", "999999999s"), "namespace", "a"));
    }

    @Test
    void aQueryWithoutSelectorsIsUnchanged() throws Exception {
        assertEquals("vector(1) + time()", confine("vector(1) + time()"));
    }
}
