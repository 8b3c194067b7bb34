package dev.sqo.promql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Label regexes are RE2's: what Go's regexp accepts, with Go's errors, and whether they match "". */
class Re2SyntaxTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5..", "(?i)get|post", "[[:alpha:]_][\\w-]*", "\\p{Greek}+\\PL", "a{2,3}?b{0,}",
            "(?P<code>\\d{3})", "\\Q.*\\E", "x{,3}", "x{01}", "^*$", "\\x41\\x{263a}\\012", "[]a]", "(?)", "a(?i)*",
            "((a{10}){10}){10}"})
    void acceptsWhatGoAccepts(String regex) {
        assertEquals(Optional.empty(), Re2Syntax.error(regex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Perl's extensions that RE2 has not.
            "(?=a)         | invalid or unsupported Perl syntax: `(?=`",
            "(?<n>a)       | invalid or unsupported Perl syntax: `(?<`",
            "\\1           | invalid escape sequence: `\\1`",
            "\\Z           | invalid escape sequence: `\\Z`",
            "a*+           | invalid nested repetition operator: `*+`",
            // Malformed expressions; a missing ) shows in the expression Prometheus compiles, ^(?:regex)$.
            "(             | missing closing ): `^(?:()$`",
            "[a            | missing closing ]: `[a)$`",
            "*             | missing argument to repetition operator: `*`",
            "[z-a]         | invalid character class range: `z-a`",
            "a{1001}       | invalid repeat count: `{1001}`",
            "((a{10}){10}){11} | invalid repeat count: `{11}`",
            "\\pX          | invalid character class range: `\\pX`",
            "[[:word2:]]   | invalid character class range: `[:word2:]`",
            "(?P<>a)       | invalid named capture: `(?P<>`",
            // Balanced once wrapped in ^(?:...)$, but Prometheus also parses the regex alone.
            "'a)|(b'       | 'unexpected ): `a)|(b`'",
    })
    void refusesWhatGoRefusesWithGosMessage(String regex, String error) {
        assertEquals(Optional.of("error parsing regexp: " + error), Re2Syntax.error(regex));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''            | true",
            ".*            | true",
            "'a|'          | true",
            "'(a|b)?'      | true",
            "x{0}          | true",
            "^$\\A\\z\\B   | true",
            "a             | false",
            ".+            | false",
            "\\b           | false",
            "'(a|b)+c*'    | false",
            "[^a]*         | true",
    })
    void knowsWhetherTheEmptyStringMatches(String regex, boolean matchesEmpty) {
        assertEquals(matchesEmpty, Re2Syntax.matchesEmpty(regex));
    }
}
