package dev.sqo.reconcile;

import com.sun.net.httpserver.HttpServer;
import dev.sqo.api.NamespaceConfinement;
import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.StatusCondition;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.promql.LabelMatcher;
import dev.sqo.promql.MatchType;
import dev.sqo.promql.PromQL;
import dev.sqo.promql.Selectors;
import dev.sqo.promql.VectorSelector;
import dev.sqo.rules.PromRule;
import dev.sqo.rules.PromRuleGroup;
import dev.sqo.rules.SliRuleExpressions;
import dev.sqo.rules.SloRuleGenerator;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With sqo.prometheus.tenancy=namespaced, a ServiceQuality in namespace "a" reads and republishes only the series of
 * namespace "a": every query sqo sends for it (captured by a local Prometheus), every rule it publishes and every
 * query the optimization builds selects namespace="a"; one that asks for namespace "b" is refused with a condition.
 * With the default shared tenancy, the same queries go out as written.
 */
class NamespacedTenancyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final LabelMatcher OWN_NAMESPACE = new LabelMatcher("namespace", MatchType.EQUAL, "a");

    private HttpServer server;
    private PrometheusEndpoint prometheus;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    /** The query string of each request's URL, where a label proxy reads its tenant. */
    private final List<String> urlParameters = new CopyOnWriteArrayList<>();

    /** Knows a histogram's buckets and nothing else: every SLI query is sent, and answered with no series. */
    @BeforeEach
    void capturingPrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = Stream.of(form.split("&")).filter(p -> p.startsWith("query="))
                    .map(p -> URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8)).findFirst().orElseThrow();
            queries.add(query);
            urlParameters.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            boolean range = exchange.getRequestURI().getPath().endsWith("query_range");
            String result = !range && query.startsWith("count by (le)") ? Stream.of("0.3", "0.5", "1.2", "+Inf")
                    .map(le -> "{\"metric\":{\"le\":\"" + le + "\"},\"value\":[" + NOW.getEpochSecond() + ",\"1\"]}")
                    .reduce((x, y) -> x + "," + y).orElseThrow() : "";
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"" + (range ? "matrix" : "vector")
                    + "\",\"result\":[" + result + "]}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        prometheus = PrometheusEndpoint.anonymous(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EvaluationReport evaluate(ServiceQuality sq, Optional<NamespaceConfinement> confinement) {
        return evaluator(confinement, Optional.empty()).evaluate(sq, NOW, (ns, name, key) -> Optional.empty());
    }

    private ServiceQualityEvaluator evaluator(Optional<NamespaceConfinement> confinement, Optional<String> labelProxyParameter) {
        return new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
                new PrometheusEndpointResolver(prometheus, new PrometheusAllowlist(List.of()), labelProxyParameter), confinement);
    }

    private static Optional<NamespaceConfinement> namespaced() {
        return Optional.of(new NamespaceConfinement("namespace"));
    }

    /** The scenario's four objectives (ratio, latency, percentile, apdex), in namespace "a". */
    private static ServiceQuality inNamespaceA() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setNamespace("a");
        sq.getSpec().objectives.get(0).ratio.total = "sum(rate(http_requests_total{job=\"x\"}[{{window}}]))";
        return sq;
    }

    private static List<VectorSelector> selectors(String query) {
        try {
            return Selectors.of(PromQL.parse(query));
        } catch (Exception e) {
            throw new AssertionError("not PromQL: " + query, e);
        }
    }

    @Test
    void everyQuerySentForTheResourceSelectsItsNamespace() {
        EvaluationReport report = evaluate(inNamespaceA(), namespaced());

        assertEquals(List.of(), report.specProblems());
        assertTrue(queries.stream().anyMatch(q -> q.contains("http_requests_total{namespace=\"a\",job=\"x\"}[5m]")), queries.toString());
        assertTrue(queries.stream().anyMatch(q -> q.contains("http_request_duration_seconds_bucket{namespace=\"a\",job=\"scenario\"")),
                "the histogram SLIs were queried: " + queries);
        for (String query : queries) {
            for (VectorSelector s : selectors(query)) {
                assertTrue(s.matchers().contains(OWN_NAMESPACE), s + " in " + query);
            }
        }
    }

    @Test
    void theRulesPublishedForTheResourceReadAndRecordOnlyItsNamespace() {
        ServiceQuality read = evaluate(inNamespaceA(), namespaced()).resource();

        List<PromRule> rules = SloRuleGenerator.generate(read).stream().map(PromRuleGroup::rules).flatMap(List::stream).toList();
        assertTrue(rules.stream().anyMatch(r -> r.expr().contains("http_requests_total{namespace=\"a\",job=\"x\"}[1h]")));
        for (PromRule rule : rules) {
            assertEquals("a", rule.labels().get("namespace"), "what a rule records or alerts on is labelled a: " + rule);
            for (VectorSelector s : selectors(rule.expr())) {
                // sqo's own gauge, scraped from the operator, names the resource's namespace in a label of its own.
                LabelMatcher own = SloRuleGenerator.EXCLUSION_ACTIVE.equals(s.metricName())
                        ? new LabelMatcher("sqo_namespace", MatchType.EQUAL, "a") : OWN_NAMESPACE;
                assertTrue(s.matchers().contains(own), s + " in " + rule.expr());
            }
        }
    }

    @Test
    void theOptimizationsQueriesSelectTheNamespaceToo() {
        EvaluationReport report = evaluate(inNamespaceA(), namespaced());
        List<Objective> objectives = report.objectives().stream().map(ObjectiveOutcome::objective).toList();

        List<String> built = new ArrayList<>();
        built.add(SliRuleExpressions.requestRate(objectives, Duration.ofMinutes(1)));
        for (Objective o : objectives) {
            built.add(SliRuleExpressions.strain(o, Duration.ofMinutes(5)));
            built.add(SliRuleExpressions.errorRatio(o, Duration.ofMinutes(5)));
            built.add(SliRuleExpressions.latencyAtQuantile(o, Duration.ofMinutes(5)));
        }
        for (String query : built.stream().filter(Objects::nonNull).toList()) {
            for (VectorSelector s : selectors(query)) {
                assertTrue(s.matchers().contains(OWN_NAMESPACE), s + " in " + query);
            }
        }
    }

    @Test
    void anSliThatSelectsAnotherNamespaceIsRefusedWithACondition() {
        ServiceQuality sq = inNamespaceA();
        sq.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{namespace=\"b\",code=~\"5..\"}[{{window}}]))";
        sq.getSpec().objectives.get(1).latency.selector = "job=\"scenario\",namespace=~\".+\"";

        EvaluationReport report = evaluate(sq, namespaced());

        assertEquals(List.of(), queries, "nothing is read for a refused spec");
        ServiceQualityStatus status = StatusAggregator.build(report, null);
        StatusCondition ready = PrometheusEvaluationTest.condition(status, "Ready");
        assertEquals("False", ready.status);
        assertEquals("InvalidSpec", ready.reason);
        assertTrue(ready.message.contains("spec.objectives[0].ratio.errors: Invalid value: "
                + "\"sum(rate(http_requests_total{namespace=\\\"b\\\",code=~\\\"5..\\\"}[{{window}}]))\": this operator confines "
                + "each ServiceQuality to the series of its own namespace (sqo.prometheus.tenancy=namespaced): selector "
                + "http_requests_total{namespace=\"b\",code=~\"5..\"} may read series whose namespace is not \"a\"; "
                + "write namespace=\"a\" or leave namespace out"), ready.message);
        assertTrue(ready.message.contains("spec.objectives[1].latency.selector: "), ready.message);
        assertTrue(report.resource() == sq && sq.getSpec().objectives.get(0).ratio.errors.contains("namespace=\"b\""),
                "the stored spec is never rewritten");
    }

    @Test
    void sharedTenancyReadsTheQueriesAsWritten() {
        ServiceQuality sq = inNamespaceA();
        sq.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{namespace=\"b\",code=~\"5..\"}[{{window}}]))";

        EvaluationReport report = evaluate(sq, Optional.empty());

        assertEquals(List.of(), report.specProblems());
        assertTrue(queries.stream().anyMatch(q -> q.contains("http_requests_total{namespace=\"b\",code=~\"5..\"}[5m]")), queries.toString());
        assertTrue(queries.stream().anyMatch(q -> q.contains("http_requests_total{job=\"x\"}[5m]")), queries.toString());
        assertFalse(queries.stream().anyMatch(q -> q.contains("namespace=\"a\",job=\"x\"")), queries.toString());
    }

    /** prom-label-proxy reads the tenant from the URL; slices read for one namespace are never served to another. */
    @Test
    void aLabelProxyIsToldTheNamespaceInEveryRequest() {
        ServiceQualityEvaluator evaluator = evaluator(namespaced(), Optional.of("namespace"));
        evaluator.evaluate(inNamespaceA(), NOW, (ns, name, key) -> Optional.empty());
        int inA = urlParameters.size();
        ServiceQuality sameSpecElsewhere = inNamespaceA();
        sameSpecElsewhere.getMetadata().setNamespace("c");
        evaluator.evaluate(sameSpecElsewhere, NOW, (ns, name, key) -> Optional.empty());

        assertTrue(inA > 0 && urlParameters.size() > inA, urlParameters.toString());
        assertEquals(List.of("namespace=a"), urlParameters.subList(0, inA).stream().distinct().toList());
        assertEquals(List.of("namespace=c"), urlParameters.subList(inA, urlParameters.size()).stream().distinct().toList());
    }

    @Test
    void withoutALabelProxyTheUrlHasNoParameter() {
        evaluate(inNamespaceA(), namespaced());
        assertEquals(List.of("null"), urlParameters.stream().distinct().toList());
    }
}
