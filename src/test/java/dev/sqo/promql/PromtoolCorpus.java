package dev.sqo.promql;

import java.util.List;

/**
 * The expressions {@link PromtoolAgreementTest} gives the real promtool: every construct of PromQL and every error
 * Prometheus reports, in the spirit of Prometheus' own {@code parse_test.go}. Only functions and syntax that
 * Prometheus 2.42, the promtool at hand, knows: Prometheus 3's additions are in {@link PromQLTest}.
 */
final class PromtoolCorpus {

    /** Expressions Prometheus accepts. */
    static final List<String> VALID = List.of(
            // Literals: decimal, hex, octal-looking, exponent, Inf and NaN in any case, strings in three quotes.
            "1", "-1", "+1", ".5", "5.", "1e3", "1E-3", "0x1F", "0X1f", "010", "08", "1e-400", "Inf", "-inf", "NaN",
            "nAn", "+Inf", "\"double \\\"quoted\\\" \\n \\t \\\\ \\u00e4 \\U0001F600 \\x41 \\101\"",
            "'single \\'quoted\\''", "`raw \\n `", "`multi\nline`", "\"ä 日本\"", "'\"'", "\"'\"",
            // Vector selectors: names with colons, keywords as names, matchers, trailing commas, empty-matching plus
            // non-empty.
            "foo", "foo:bar:baz", ":foo", "sum", "by", "offset", "and", "start", "end", "group", "without",
            "count_values", "foo{}", "foo{a=\"b\"}", "foo{a=\"b\",}", "foo{a!=\"b\", c=~\"d.*\", e!~\"f|g\"}",
            "foo{a='b'}", "foo{a=`b`}", "{a=\"b\"}", "{__name__=\"foo\"}", "{a=~\".+\"}", "{a!=\"\"}",
            "{a=~\".*\", b=\"c\"}", "{a=~\"\\\\b\"}", "foo{on=\"a\", bool=\"b\", by=\"c\", offset=\"d\", sum=\"e\"}",
            "foo{ a = \"b\" , c != \"d\" }", "foo # comment\n{a=\"b\"}", "foo{a=\"b\" # comment\n}", "Sum{a=\"b\"}",
            "SUM", "foo # comment {", "time", "9".repeat(306), "{__name__=\"bar\", __name__=\"baz\"}",
            // Label regexes: RE2 syntax Prometheus accepts.
            "foo{a=~\"(?i)abc\"}", "foo{a=~\"(?P<name>a+)b{2,3}c{0,}d{1}e?f*?\"}",
            "foo{a=~\"[[:alpha:]][^0-9\\\\]x-]\\\\d\\\\W\"}", "foo{a=~\"\\\\p{Greek}\\\\pL\\\\PN\\\\p{^Lu}\"}",
            "foo{a=~\"\\\\Q*+?\\\\E\"}", "foo{a=~\"x{,3}\"}", "foo{a=~\"x{01}\"}", "foo{a=~\"a{\"}",
            "foo{a=~\"\\\\x41\\\\x{263a}\\\\0\\\\012\\\\.\"}", "foo{a=~\"^*$\"}", "foo{a=~\"(?)\"}",
            "foo{a=~\"a|(?s:.)\\\\z\\\\A\"}", "foo{a=~\"((a{10}){10}){10}\"}", "foo{a=~\"[]a]\"}",
            "foo{a=~\"a(?i)*\"}",
            // Ranges, composite durations and their units, subqueries.
            "foo[5m]", "foo[1h30m]", "foo[1y2w3d4h5m6s7ms]", "foo[100ms]", "foo[ 5m ]", "foo{a=\"b\"}[5m]",
            "foo[5m:]", "foo[5m:1m]", "foo[5m x]", "foo[5m x 1m]", "rate(foo[5m])[30m:1m]", "sum(rate(foo[5m]))[1h:]",
            "(foo + bar)[5m:]", "max_over_time(rate(foo[5m])[1h:5m])",
            // Offsets and @, alone and combined, on selectors, ranges and subqueries.
            "foo offset 5m", "foo offset -5m", "foo offset - 5m", "foo OFFSET 1h", "foo[5m] offset 1h",
            "foo[5m:1m] offset 1h", "foo @ 1609746000", "foo @ -5", "foo @ +1.5e3", "foo @ 0x10", "foo @ start()",
            "foo @ end()", "foo[5m] @ end()", "foo @ 100 offset 5m", "foo offset 5m @ 100",
            "foo[5m] offset 1m @ start()", "rate(foo[5m] @ 100)", "sum(foo)[5m:] @ start() offset 1m",
            "foo{a=\"b\"}offset 5m",
            // Operators: precedence, associativity, unary signs, bool, vector matching, set operators, keywords in any
            // case.
            "1 + 2 * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "-foo * bar", "2 * -foo ^ 2", "1 - -1", "-+-+1", "- - foo", "+foo",
            "foo - bar - baz", "foo / bar % 3 atan2 baz", "foo == 1", "1 == bool 1", "foo > bool bar",
            "foo != bool 1 > bool 2", "foo and bar or baz unless qux", "foo AND bar", "foo + on(a, b) bar",
            "foo + ignoring(a) bar", "foo + on() bar", "foo * on(a) group_left bar",
            "foo * on(a) group_left(b, c) bar", "foo * ignoring(a) group_right() bar",
            "foo * on(a,) group_left(b,) bar", "foo == bool on(a) group_left(b) bar", "foo and on(a) bar",
            "foo or ignoring(a) bar", "1 + on() foo", "foo and and", "foo + sum", "foo atan2 bar", "foo ^ bar ^ baz",
            "foo * on(a) group_left (x) bar", "foo\n+\nbar", "1 # one\n+ 2",
            // Aggregations: modifier before or after, empty grouping, parameters, keywords as grouping labels.
            "sum(foo)", "sum by (a) (foo)", "sum(foo) by (a)", "sum without (a, b) (foo)", "sum(foo) without (a,)",
            "sum by () (foo)", "avg(foo)", "count(foo)", "min(foo)", "max(foo)", "group(foo)", "stddev(foo)",
            "stdvar(foo)", "topk(3, foo)", "bottomk(3, foo) by (a)", "quantile(0.9, foo)", "count_values(\"v\", foo)",
            "count_values by (a) (\"v\", foo)", "topk(scalar(bar), foo)",
            "sum by (sum, on, bool, offset, group_left, start, end, atan2, and) (foo)", "SUM BY (a) (foo)",
            "sum(sum by (a) (foo))", "sum(foo) by (a) * 2", "sum (foo)",
            // Functions with their argument counts and types, 2.42's list.
            "abs(foo)", "absent(foo)", "absent_over_time(foo[5m])", "ceil(foo)", "changes(foo[5m])",
            "clamp(foo, 0, 1)", "clamp_max(foo, 1)", "clamp_min(foo, 0)", "count_over_time(foo[5m])",
            "day_of_month()", "day_of_week(foo)", "day_of_year()", "days_in_month(foo)", "deg(foo)", "delta(foo[5m])",
            "deriv(foo[5m])", "exp(foo)", "floor(foo)", "histogram_count(foo)", "histogram_sum(foo)",
            "histogram_fraction(0, 0.2, foo)", "histogram_quantile(0.9, foo)", "holt_winters(foo[5m], 0.5, 0.5)",
            "hour()", "idelta(foo[5m])", "increase(foo[5m])", "irate(foo[5m])",
            "label_join(foo, \"d\", \",\", \"a\")", "label_join(foo, \"d\", \",\", \"a\", \"b\", \"c\")",
            "label_join(foo, \"d\", \",\")", "label_replace(foo, \"d\", \"$1\", \"s\", \"(.*)\")",
            "last_over_time(foo[5m])", "ln(foo)", "log10(foo)", "log2(foo)", "max_over_time(foo[5m])",
            "min_over_time(foo[5m])", "minute()", "month(foo)", "pi()", "predict_linear(foo[5m], 60)",
            "present_over_time(foo[5m])", "quantile_over_time(0.9, foo[5m])", "rad(foo)", "rate(foo[5m])",
            "resets(foo[5m])", "round(foo)", "round(foo, 5)", "scalar(foo)", "sgn(foo)", "sort(foo)",
            "sort_desc(foo)", "sqrt(foo)", "stddev_over_time(foo[5m])", "stdvar_over_time(foo[5m])",
            "sum_over_time(foo[5m])", "time()", "timestamp(foo)", "vector(1)", "year()", "acos(foo)", "acosh(foo)",
            "asin(foo)", "asinh(foo)", "atan(foo)", "atanh(foo)", "cos(foo)", "cosh(foo)", "sin(foo)", "sinh(foo)",
            "tan(foo)", "tanh(foo)", "rate (foo[5m])", "vector(time())",
            // Whole expressions of the kind sqo's users write, and types other than an instant vector, which ParseExpr
            // accepts.
            "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[5m])) / "
                    + "sum(rate(http_requests_total{job=\"checkout\"}[5m]))",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"api\"}[5m])))",
            "1 - (sum(rate(errors_total[30d])) / sum(rate(requests_total[30d])))",
            "sum(rate(http_requests_total{code!~\"5..\"}[5m])) by (service) / on(service) group_left "
                    + "sum(rate(http_requests_total[5m])) by (service)",
            "avg_over_time((sum(up{job=\"api\"}) / count(up{job=\"api\"}))[1h:1m])",
            "(\n  sum(rate(a[5m]))\n  # errors\n  /\n  sum(rate(b[5m]))\n)", "\"just a string\"", "rate(foo[5m])[5m:]"
    );

    /** Expressions Prometheus refuses, each for a reason of its own. */
    static final List<String> INVALID = List.of(
            // Empty input, stray characters and unbalanced delimiters.
            " ", "# only a comment", ".", "2.5.", "100..4", "0deadbeef", "1_000", "(", "((1)", "(1))", ")", "}", "{",
            "some{", "some}", "[", "]", "foo[5m", "foo]", "sum(rate(foo[5m])", "foo{a=\"b\"", "\\", "$", ";", "1 !",
            "1 !~ 1", "1 =~ 1", "1 = 1", "é", "sum(\n  foo\n) by (a",
            // Numbers and strings Go refuses.
            "1e", "0x", "0x1.8", "1e400", "1" + "0".repeat(309), "\"unterminated", "\"line\nbreak\"",
            "`unterminated raw", "\"\\q\"", "\"\\", "\"\\x\"", "\"\\xZ1\"", "\"\\400\"", "\"\\ud800\"",
            "\"\\U00110000\"", "'\\\"'", "\"\\'\"", "foo{a=\"\\c\"}",
            // Operators out of place.
            "1+", "1 /", "*1", "*test", "-=", "++-++-+-+-<", "e-+=/(0)", "foo bar", "foo 1", "foo \"a\"",
            "foo + bool", "foo + on", "foo + on bar", "foo + on(a) group_left *", "foo + group_left(baz) bar",
            "a - on(b) ignoring(c) d", "foo + on(a) group_left (bar)", "foo on(a) bar", "bool", "foo bool + bar",
            "atan2(foo, bar)", "@ 5", "foo == == bar", "foo + )", "foo < = bar", "on(a) foo", "foo + on(a b) bar",
            "foo + on(a,,) bar", "foo + on(,) bar",
            // Selectors and matchers.
            "some_metric{a=b}", "some_metric{a:b=\"b\"}", "foo{a*\"b\"}", "foo{a>=\"b\"}", "foo{gibberish}", "foo{1}",
            "foo{,}", "foo{,a=\"b\"}", "foo{a=\"b\" c=\"d\"}", "foo{a=\"b\" +}", "foo{a}", "foo{a=}", "foo{a==\"b\"}",
            "foo{__name__= =}", "foo{a=\"b\"}{c=\"d\"}", "foo{{}", "foo{a!b}", "{}", "{x=\"\"}", "{x=~\".*\"}",
            "{x!~\".+\"}", "{x!=\"a\"}", "{a=~\"(|a)\"}", "{a=~\"x{0}\"}", "{a=~\"\\\\B\"}", "foo{__name__=\"bar\"}",
            "foo{__name__=~\"bar\"}", "foo:bar{__name__=~\"baz\"}", "{a=~\"x|\"} + {a=~\".*\", b=\"c\"}", "a:b(foo)",
            "Inf{a=\"b\"}", "start()", "end()", "foo{a=\"b\" # c\n",
            // Regexes RE2 refuses, and the quirk of Prometheus compiling ^(?:regex)$.
            "foo{a=~\"(\"}", "foo{a=~\")\"}", "foo{a=~\"a)(b\"}", "foo{a=~\"a)|(b\"}", "foo{a=~\"*\"}",
            "foo{a=~\"a**\"}", "foo{a=~\"a*?+\"}", "foo{a=~\"x{2}{3}\"}", "foo{a=~\"(?=a)\"}", "foo{a=~\"(?!a)\"}",
            "foo{a=~\"(?<=a)b\"}", "foo{a=~\"(?<n>a)\"}", "foo{a=~\"\\\\1\"}", "foo{a=~\"\\\\Z\"}", "foo{a=~\"a++\"}",
            "foo{a=~\"[a\"}", "foo{a=~\"[]\"}", "foo{a=~\"[z-a]\"}", "foo{a=~\"a{1001}\"}",
            "foo{a=~\"((a{10}){10}){11}\"}", "foo{a=~\"x{2,1}\"}", "foo{a=~\"\\\\pX\"}", "foo{a=~\"\\\\p{greek}\"}",
            "foo{a=~\"\\\\p{Greek\"}", "foo{a=~\"[[:foo:]]\"}", "foo{a=~\"[\\\\b]\"}", "foo{a=~\"\\\\C\"}",
            "foo{a=~\"\\\\8\"}", "foo{a=~\"\\\\x{110000}\"}", "foo{a=~\"\\\\xZZ\"}", "foo{a=~\"(?i-)\"}",
            "foo{a=~\"(?#c)\"}", "foo{a=~\"(?P=n)\"}", "foo{a=~\"(?P<n\"}", "foo{a=~\"(?P<>a)\"}",
            "foo{a=~\"[a-\\\\d]\"}", "foo{a=~\"a|*\"}", "foo{a=~\"(*)\"}", "foo{a=~\"(?i)*\"}",
            "foo{a=~\"\\\\Q\\\\E*\"}", "foo{a!~\"a\\\\\"}", "foo{a=~\"\\\\e\"}",
            // Ranges, durations and subqueries.
            "foo[5mm]", "foo[5m1]", "foo[5m:1m1]", "foo[5y1hs]", "foo[5m1h]", "foo[5m1m]", "foo[0m]", "foo[0s:1m]",
            "foo[5m:0s]", "foo[]", "foo[1]", "foo[1.5m]", "foo[-5m]", "foo[293y]", "foo[5m:1m:]", "foo[5m:x]",
            "foo[5m:1m 2m]", "foo[5m 1m]", "foo[5m:1m x]", "foo[5m][5m]", "foo[5m[5m]]", "(foo + bar)[5m]",
            "rate(foo[5m])[5m]", "foo[5m:][5m]", "sum(foo)[5m]", "1[5m]", "foo offset 5m [10m]", "foo @ 1234 [5m]",
            "foo[5m:1m+]", "foo[5m offset 1m]", "foo[5m:1m] [5m:]", "test[5d] OFFSET 10s [10m:5s]",
            "(foo + bar{nm=\"val\"})[5m:][10m:5s]", "foo[5m:][10m:]", "rate(food[1m])[1h] offset 1h",
            "rate(food[1m])[1h] @ 100",
            // Offsets and @.
            "foo offset", "foo offset 5", "foo offset 1mm", "foo offset -x", "foo offset 0s", "1 offset 1d",
            "foo offset 1s offset 2s", "foo offset 1m @ 1 offset 2m", "rate(foo[5m]) offset 5m", "(foo) offset 5m",
            "foo @", "foo @ start", "foo @ start(", "foo @ start)", "foo @ 1m", "foo @ - x", "foo @ Inf",
            "foo @ -Inf", "foo @ NaN", "foo @ 9223372036854775807", "foo @ -9.3e18", "foo @ 1 @ 2",
            "foo @ start() @ end()", "rate(foo[5m]) @ 1234", "-1 @ 5", "\"a\" @ 5", "foo @ 1e", "foo @ foo",
            "foo @ start(1)", "foo @ @",
            // Aggregations.
            "sum()", "sum () by (test)", "sum(foo,)", "sum(foo, bar)", "sum(foo +)", "sum(,)", "sum x",
            "sum some_metric by (test)", "sum (some_metric) by test", "sum(foo) by", "sum(foo) by (a +)",
            "sum(foo) by (a b)", "sum by (a) x", "sum by (a)", "sum by (a) by (b) (x)",
            "sum (foo) without (test) by (test)", "sum without (test) (foo) by (test)", "sum without(==)(foo)",
            "sum without(,)(foo)", "sum without(foo,,)(foo)", "sum by (without) (x)", "sum by (a:b) (x)",
            "sum by (Inf) (x)", "MIN keep_common (some_metric)", "MIN (some_metric) keep_common", "sum(x) foo",
            "topk(foo)", "topk(foo,)", "topk(5, foo, bar)", "topk(some_metric, other_metric)", "quantile(\"a\", foo)",
            "count_values(5, foo)", "count_values(foo)", "sum(foo[5m])", "sum(\"a\")", "sum(1)",
            "sum by (a) (foo[5m])", "avg(sum(x) by (a) b)", "sum(rate(foo[5m] 2))", "sum by (a) (rate(x +))",
            "topk(foo[5m], 1)",
            // Functions.
            "floor()", "floor(some_metric, other_metric)", "floor(some_metric, 1)", "floor(1)",
            "hour(some_metric, some_metric, some_metric)", "time(some_metric)", "non_existent_function_far_bar()",
            "rate(some_metric)", "rate(foo, ,)", "rate(foo,)", "rate(foo +)", "rate(foo bar)", "a>b()", "rate(avg)",
            "label_join(foo)", "label_join(foo, \"a\", \"b\", 1)", "round(foo, \"a\")", "round(foo, 1, 2)",
            "clamp(foo)", "histogram_quantile(foo, 0.9)", "vector(\"a\")", "scalar(1)", "RATE(foo[5m])",
            "rate(foo[5m]", "abs(foo[5m])", "label_replace(foo, \"a\", \"b\", \"c\")", "pi(1)",
            "nonexistent(foo[5m] +)", "nonexistent(sum())", "absent_over_time(foo)", "predict_linear(foo[5m], \"1\")",
            // Type rules of binary and unary operators.
            "1 and 1", "1 or 1", "1 unless 1", "1 == 1", "foo and 1", "1 and foo", "foo or 1", "1 or foo",
            "foo unless 1", "1 unless foo", "1 or on(bar) foo", "foo == on(bar) 10",
            "foo and on(bar) group_left(baz) bar", "foo and on(bar) group_right(baz) bar",
            "foo or on(bar) group_left(baz) bar", "foo unless on(bar) group_right(baz) bar",
            "http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}",
            "foo + bool bar", "foo + bool 10", "foo and bool 10", "\"a\" + 1", "1 + \"a\"", "foo[5m] + 1",
            "1 - foo[5m]", "foo[5m] + bool 1", "-\"string\"", "-test[5m]", "- (foo[5m])", "-rate(foo[5m])[5m:]",
            "1 < 2", "2 >= bool 1 < 3", "foo + ignoring(a) group_left(a) bar and 1", "1 # c\n== 1",
            "foo\n  +\n  bool bar", "sum(1 == 1)", "foo offset 5m + bool bar",
            // The first of several errors is the one reported.
            "foo{a=~\"(\"} )", "rate(foo[0s]) )", "1e + )", "sum(x, y) )", "sum by (a) (x, y) )", "nonexistent() )",
            "foo[5m]) offset 1m", "foo offset 1m offset x", "sum(foo) by (a:b", "rate(foo,", "foo{a=~\"(\"",
            "\"a\" + foo[5m]", "foo[5m] + \"a\"", "rate(1) + floor(\"a\")"
    );

    private PromtoolCorpus() {
    }
}
