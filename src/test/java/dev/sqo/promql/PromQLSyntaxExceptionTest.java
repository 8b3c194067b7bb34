package dev.sqo.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a refused query is reported: Prometheus' reason, where it is, and Prometheus' line:column message. */
class PromQLSyntaxExceptionTest {

    @Test
    void carriesPrometheusReasonAndWhereTheOffendingTokenIs() {
        PromQLSyntaxException e = refused("sum(foo) by (job) bar");
        assertEquals("unexpected identifier \"bar\"", e.getReason());
        assertEquals(new PositionRange(18, 21), e.getPosition());
        assertEquals("1:19: parse error: unexpected identifier \"bar\"", e.getMessage());
        assertEquals("sum(foo) by (job) bar", e.getQuery());
    }

    @Test
    void aLexicalErrorRunsToTheEndOfTheQueryAsInPrometheus() {
        PromQLSyntaxException e = refused("foo{job=\"unterminated} + 1");
        assertEquals("unterminated quoted string", e.getReason());
        assertEquals(new PositionRange(8, 26), e.getPosition());
    }

    @Test
    void anUnclosedParenthesisIsReportedAtTheEnd() {
        assertEquals("1:10: parse error: unclosed left parenthesis", refused("sum(rate(").getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Lines count from 1, columns from the last line break.
            "'sum(\n  rate(x[5m]) +\n)' | 3:1: parse error: unexpected \")\" in aggregation",
            // Columns count UTF-8 bytes, as Go's do: ä takes two, the emoji four.
            "'{a=\"ä\"} + bool 1' | 1:10: parse error: bool modifier can only be used on comparison operators",
            "'{a=\"😀\"} + bool 1' | 1:12: parse error: bool modifier can only be used on comparison operators",
            // An operator's errors point past the spaces after its left operand, onto a comment if one is there.
            "'1 # one\n== 1' | 1:3: parse error: comparisons between scalars must use BOOL modifier",
            // An empty query is an error at its start, whatever comments it holds.
            "'\n# nothing\n' | 1:1: parse error: no expression found in input",
    })
    void positionsAreCountedAsPrometheusCountsThem(String query, String message) {
        assertEquals(message, refused(query).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Syntax errors name the construct Prometheus' grammar was in and what it expected there.
            "sum(rate(x[5m] 2)) | 1:16: parse error: unexpected number \"2\" in aggregation",
            "foo{job=\"a\" code=\"5\"} | 1:13: parse error: unexpected identifier \"code\" in label matching, expected \",\" or \"}\"",
            "sum(foo) by job | 1:13: parse error: unexpected identifier \"job\" in grouping opts, expected \"(\"",
            "foo[5m 1m] | 1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"",
            "foo offset 5 | 1:12: parse error: unexpected number \"5\" in offset, expected duration",
            // The type check runs once the syntax is right, and reports the first error in Prometheus' order.
            "rate(foo) | 1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
            "sum(foo[5m]) | 1:5: parse error: expected type instant vector in aggregation expression, got range vector",
            "foo[5m] / bar | 1:1: parse error: binary expression must contain only scalar and instant vector types",
            "(foo + bar)[5m] | 1:12: parse error: ranges only allowed for vector selectors",
            "foo{code=~\"5(\"} | 1:5: parse error: error parsing regexp: missing closing ): `^(?:5()$`",
            "{code=~\".*\"} | 1:1: parse error: vector selector must contain at least one non-empty matcher",
            "foo[0s] | 1:5: parse error: duration must be greater than 0",
            "foo @ -Inf | 1:1: parse error: timestamp out of bounds for @ modifier: -Inf",
            "1e999 | 1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"1e999\": value out of range",
            // A construct's own error comes before a lexical error just after it, as in Prometheus.
            "sum by (a) (x, y) ) | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2",
            "sum(x, y) ) | 1:12: parse error: unexpected right parenthesis ')'",
    })
    void reasonsAreThoseOfPrometheus(String query, String message) {
        assertEquals(message, refused(query).getMessage());
    }

    private static PromQLSyntaxException refused(String query) {
        return assertThrows(PromQLSyntaxException.class, () -> PromQL.parse(query));
    }
}
