package dev.sqo.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.sqo.promql.MatchType.EQUAL;
import static dev.sqo.promql.MatchType.REGEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link PromQL#parse} builds: Prometheus' tree, its grouping of operators, and its types. */
class PromQLTest {

    @Test
    void anSliExpressionIsTheTreePrometheusBuilds() throws PromQLSyntaxException {
        String query = "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[5m]))";
        VectorSelector selector = new VectorSelector("http_requests_total",
                List.of(new LabelMatcher("job", EQUAL, "checkout"), new LabelMatcher("code", REGEX, "5..")),
                Duration.ZERO, null, new PositionRange(9, 56));
        Call rate = new Call(Functions.named("rate").orElseThrow(),
                List.of(new MatrixSelector(selector, Duration.ofMinutes(5), new PositionRange(9, 60))),
                new PositionRange(4, 61));
        assertEquals(new AggregateExpr(Aggregation.SUM, rate, null, List.of(), false, new PositionRange(0, 62)),
                PromQL.parse(query));
    }

    @Test
    void offsetAndAtBelongToTheSelectorAndAParameterComesBeforeTheVector() throws PromQLSyntaxException {
        AggregateExpr topk = (AggregateExpr) PromQL.parse("topk(3, foo offset -1h @ 1609746000.5) by (job)");
        assertEquals(Aggregation.TOPK, topk.operator());
        assertEquals(new NumberLiteral(3, new PositionRange(5, 6)), topk.param());
        assertEquals(List.of("job"), topk.grouping());
        assertEquals(new VectorSelector("foo", List.of(), Duration.ofHours(-1),
                new AtModifier.Timestamp(Instant.ofEpochMilli(1_609_746_000_500L)), new PositionRange(8, 37)),
                topk.expr());
    }

    @Test
    void aRangeKeepsItsModifiersOnItsSelectorAsPrometheusDoes() throws PromQLSyntaxException {
        MatrixSelector range = (MatrixSelector) PromQL.parse("foo[5m] offset 1h @ end()");
        assertEquals(Duration.ofHours(1), range.selector().offset());
        assertEquals(AtModifier.Edge.END, range.selector().at());
        assertEquals(new PositionRange(0, 25), range.position());
        SubqueryExpr subquery = (SubqueryExpr) PromQL.parse("rate(foo[5m])[1h:] offset 1d");
        assertNull(subquery.step());
        assertEquals(Duration.ofDays(1), subquery.offset());
    }

    @ParameterizedTest(name = "{0}  is  {1}")
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3                 | (1 + (2 * 3))",
            "1 * 2 + 3                 | ((1 * 2) + 3)",
            "a - b - c                 | ((a - b) - c)",
            "a / b % c atan2 d         | (((a / b) % c) atan2 d)",
            "2 ^ 3 ^ 2                 | (2 ^ (3 ^ 2))",
            "-2 ^ 2                    | (-(2 ^ 2))",
            "-a * b                    | ((-a) * b)",
            "a * -b ^ c                | (a * (-(b ^ c)))",
            "2 ^ -1                    | (2 ^ -1)",
            "1 - -1                    | (1 - -1)",
            "- - a                     | (-(-a))",
            "-(1)                      | (-paren(1))",
            "a == b + c                | (a == (b + c))",
            "a > b or c < d            | ((a > b) or (c < d))",
            "a or b and c unless d     | (a or ((b and c) unless d))",
            "a unless b and c          | ((a unless b) and c)",
            "a + b offset 5m           | (a + b offset 5m)",
            "-a offset 5m              | (-a offset 5m)",
            "a + b @ 100 offset 5m     | (a + b offset 5m @ 100.0)",
            "a == bool on(x) group_left(y) b * c | (a == bool on(x) group_left(y) (b * c))",
            "sum(a) by (x) / ignoring(y) count(a) | (sum by (x)(a) / ignoring(y) count(a))",
            "a * on(x) group_left (y) b | (a * on(x) group_left(y) b)",
    })
    void operatorsGroupAsInPrometheus(String query, String shape) throws PromQLSyntaxException {
        assertEquals(shape, Shapes.of(PromQL.parse(query)));
    }

    @ParameterizedTest(name = "{0}  is  {1}")
    @CsvSource(delimiter = '|', value = {
            "sum                | sum",
            "by{a=\"b\"}        | by{a=\"b\"}",
            "sum (x) by (a)     | sum by (a)(x)",
            "sum without () (x) | sum without ()(x)",
            "foo[5m x]          | foo[5m:]",
            "-Inf               | -Infinity",
            "010                | 8",
            "0x1f               | 31",
    })
    void prometheusQuirksAreKept(String query, String shape) throws PromQLSyntaxException {
        assertEquals(shape, Shapes.of(PromQL.parse(query)));
    }

    @ParameterizedTest(name = "{0}  is a  {1}")
    @CsvSource(delimiter = '|', value = {
            "1                         | SCALAR",
            "-(1 + time())             | SCALAR",
            "1 == bool 2               | SCALAR",
            "scalar(foo)               | SCALAR",
            "\"a\"                     | STRING",
            "foo                       | INSTANT_VECTOR",
            "1 + foo                   | INSTANT_VECTOR",
            "sum(rate(foo[5m]))        | INSTANT_VECTOR",
            "foo[5m]                   | RANGE_VECTOR",
            "(foo[5m])                 | RANGE_VECTOR",
            "rate(foo[5m])[1h:]        | RANGE_VECTOR",
    })
    void everyExpressionHasItsType(String query, ValueType type) throws PromQLSyntaxException {
        assertEquals(type, PromQL.parse(query).type());
    }

    @Test
    void typesAreNamedAsPrometheusNamesThem() {
        assertEquals("instant vector", ValueType.INSTANT_VECTOR.toString());
        assertEquals("range vector", ValueType.RANGE_VECTOR.toString());
        assertEquals("scalar", ValueType.SCALAR.toString());
        assertEquals("string", ValueType.STRING.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "sum(rate(x[5m]))                | true",
            "sum by () (rate(x[5m]))         | true",
            "sum by (job) (rate(x[5m]))      | false",
            "sum without () (rate(x[5m]))    | false",
            "sum(x) / sum(y)                 | false",
            "avg(x)                          | false",
    })
    void aSumWithoutGroupingIsRecognisable(String query, boolean totalSum) throws PromQLSyntaxException {
        Expr expr = PromQL.parse(query);
        assertEquals(totalSum, expr instanceof AggregateExpr a && a.operator() == Aggregation.SUM
                && a.grouping().isEmpty() && !a.without());
    }

    @Test
    void stringsResolveGoEscapesAndRawStringsDoNot() throws PromQLSyntaxException {
        assertEquals("a\"b\n\tä😀A", ((StringLiteral) PromQL.parse("\"a\\\"b\\n\\t\\u00e4\\U0001F600\\101\"")).value());
        assertEquals("ä", ((StringLiteral) PromQL.parse("'\\xc3\\xa4'")).value());
        assertEquals("a\\n", ((StringLiteral) PromQL.parse("`a\\n`")).value());
        LabelMatcher matcher = ((VectorSelector) PromQL.parse("foo{path=~'/api/.*'}")).matchers().get(0);
        assertEquals(new LabelMatcher("path", REGEX, "/api/.*"), matcher);
    }

    @Test
    void prometheus3QuotesNamesThatAreNotIdentifiers() throws PromQLSyntaxException {
        VectorSelector quotedName = (VectorSelector) PromQL.parse("{\"my.metric\", \"service.name\"=\"api\"}");
        assertNull(quotedName.metricName());
        assertEquals(List.of(new LabelMatcher("__name__", EQUAL, "my.metric"),
                new LabelMatcher("service.name", EQUAL, "api")), quotedName.matchers());
        AggregateExpr grouped = (AggregateExpr) PromQL.parse("sum by (\"service.name\", job) ({\"my.metric\"})");
        assertEquals(List.of("service.name", "job"), grouped.grouping());
        PromQLSyntaxException twice = assertThrows(PromQLSyntaxException.class, () -> PromQL.parse("foo{\"bar\"}"));
        assertEquals("metric name must not be set twice: \"foo\" or \"bar\"", twice.getReason());
    }

    @Test
    void prometheus3sAggregationsAndFunctionsAreKnown() throws PromQLSyntaxException {
        assertEquals(Aggregation.LIMITK, ((AggregateExpr) PromQL.parse("limitk(2, foo)")).operator());
        assertEquals(Aggregation.LIMIT_RATIO, ((AggregateExpr) PromQL.parse("limit_ratio(0.5, foo)")).operator());
        for (String query : List.of("histogram_avg(foo)", "histogram_stddev(foo)", "histogram_stdvar(foo)",
                "first_over_time(foo[5m])", "mad_over_time(foo[5m])", "double_exponential_smoothing(foo[5m], 0.5, 0.5)",
                "sort_by_label(foo, \"a\", \"b\")", "sort_by_label_desc(foo)")) {
            assertEquals(ValueType.INSTANT_VECTOR, PromQL.parse(query).type(), query);
        }
    }

    @Test
    void anAtEdgeBeforeARangeIsRefusedAsPrometheus3RefusesIt() {
        // Prometheus 2.42 let @ start() and @ end() through where it refused @ <timestamp>; 3.x refuses both.
        PromQLSyntaxException e = assertThrows(PromQLSyntaxException.class, () -> PromQL.parse("foo @ end()[5m]"));
        assertEquals("1:12: parse error: no @ modifiers allowed before range", e.getMessage());
    }

    @Test
    void nestingIsBoundedRatherThanExhaustingTheStack() throws PromQLSyntaxException {
        assertInstanceOf(ParenExpr.class, PromQL.parse("(".repeat(255) + "1" + ")".repeat(255)));
        assertEquals(ValueType.INSTANT_VECTOR, PromQL.parse("foo" + " + foo".repeat(200)).type());
        for (String deep : List.of("(".repeat(100_000) + "1" + ")".repeat(100_000), "-".repeat(100_000) + "1",
                "abs(".repeat(100_000) + "foo" + ")".repeat(100_000), "foo" + " ^ foo".repeat(100_000),
                "foo" + " + foo".repeat(100_000), "foo" + "[1m:]".repeat(100_000))) {
            PromQLSyntaxException e = assertThrows(PromQLSyntaxException.class, () -> PromQL.parse(deep));
            assertEquals("expression nests too deeply: more than 256 levels", e.getReason());
        }
    }

    @Test
    void aLongQueryTakesTimeInProportionToItsLength() throws PromQLSyntaxException {
        StringBuilder matchers = new StringBuilder("foo{");
        for (int i = 0; i < 50_000; i++) {
            matchers.append("l").append(i).append("=~\"a.*b|[[:alpha:]]+\",");
        }
        long start = System.nanoTime();
        PromQL.parse(matchers.append("}").toString());
        PromQL.parse("foo{a=~\"" + "(a|b)*".repeat(100_000) + "[[:" + "[:".repeat(100_000) + "a]\"}");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "two megabytes of selector");
    }

    @Test
    void everyFunctionOfPrometheusIsKnownWithItsSignature() {
        Set<String> names = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan",
                "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
                "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta",
                "deriv", "double_exponential_smoothing", "exp", "first_over_time", "floor", "histogram_avg",
                "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
                "histogram_sum", "holt_winters", "hour", "idelta", "increase", "irate", "label_join", "label_replace",
                "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute",
                "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
                "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc",
                "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp",
                "vector", "year");
        assertEquals(names, Functions.all().stream().map(Function::name).collect(Collectors.toSet()));
        Function labelJoin = Functions.named("label_join").orElseThrow();
        assertEquals(3, labelJoin.minArgs());
        assertEquals(Integer.MAX_VALUE, labelJoin.maxArgs());
        assertEquals(ValueType.STRING, labelJoin.argType(7));
        Function round = Functions.named("round").orElseThrow();
        assertEquals(List.of(1, 2), List.of(round.minArgs(), round.maxArgs()));
        assertEquals(ValueType.RANGE_VECTOR, Functions.named("rate").orElseThrow().argType(0));
        assertEquals(ValueType.SCALAR, Functions.named("time").orElseThrow().returnType());
        assertFalse(Functions.named("info").isPresent(), "experimental in Prometheus 3, and not asked for");
    }
}
