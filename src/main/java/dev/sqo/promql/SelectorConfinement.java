package dev.sqo.promql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Confines a query to the series of one tenant: every vector selector, wherever it sits (in a range, a subquery, an
 * aggregation, a binary expression, a function's argument), gets the matcher {@code label="value"}. A selector that
 * already matches on the label with anything but exactly that value ({@code namespace="b"}, {@code namespace=~".+"},
 * {@code namespace!="a"}) is refused rather than rewritten: the added matcher would silently turn it into a query
 * its author did not write, one that reads nothing. A selector with {@code label="value"} is left as it is.
 *
 * <p>The matcher is inserted into the author's text, not printed from the tree: spacing, comments, offsets and the
 * spelling of numbers and durations stay as written, and what Prometheus runs is what the author reads in the rules.
 */
public final class SelectorConfinement {

    private SelectorConfinement() {
    }

    /**
     * @param label a label name as PromQL writes it unquoted, e.g. namespace
     * @return the query with every selector confined
     * @throws ConfinementException naming every selector that reads other values of the label
     */
    public static String confine(String query, String label, String value) throws PromQLSyntaxException, ConfinementException {
        return confine(query, query, label, value);
    }

    /**
     * The same for a text that Prometheus reads only once placeholders are filled in (an SLI template's
     * {@code {{window}}}): {@code parsable} is that filled-in text, of the same length, so that its positions fall on
     * {@code text}.
     */
    public static String confine(String text, String parsable, String label, String value)
            throws PromQLSyntaxException, ConfinementException {
        if (text.length() != parsable.length()) {
            throw new IllegalArgumentException("the parsable text must be as long as the text");
        }
        Expr expr = PromQL.parse(parsable);
        String matcher = label + "=" + GoQuoting.quote(value);
        TreeMap<Integer, String> insertions = new TreeMap<>(Comparator.reverseOrder());
        List<String> foreign = new ArrayList<>();
        for (VectorSelector s : Selectors.of(expr)) {
            List<LabelMatcher> onLabel = s.matchers().stream().filter(m -> m.name().equals(label)).toList();
            if (onLabel.isEmpty()) {
                insert(parsable, s, matcher, insertions);
            } else if (!onLabel.stream().allMatch(m -> m.type() == MatchType.EQUAL && m.value().equals(value))) {
                foreign.add(text.substring(s.position().start(), s.position().end()));
            }
        }
        if (!foreign.isEmpty()) {
            throw new ConfinementException(label, value, foreign);
        }
        StringBuilder out = new StringBuilder(text);
        // From the end backwards, so that each insertion leaves the positions before it where they were.
        insertions.forEach((at, inserted) -> out.insert(at, inserted));
        return out.toString();
    }

    /**
     * Right after the selector's opening brace; for a bare metric name, right after the name, in braces of its own.
     * What separates a name from its brace (spaces, a comment) is the lexer's to skip.
     */
    private static void insert(String query, VectorSelector s, String matcher, Map<Integer, String> insertions) {
        int start = s.position().start();
        String inBraces = s.matchers().isEmpty() ? matcher : matcher + ",";
        if (s.metricName() == null) {
            insertions.put(start + 1, inBraces);
            return;
        }
        int nameEnd = start + s.metricName().length();
        OptionalInt brace = openingBrace(query, nameEnd);
        if (brace.isPresent()) {
            insertions.put(brace.getAsInt(), inBraces);
        } else {
            insertions.put(nameEnd, "{" + matcher + "}");
        }
    }

    /** Where the token after {@code from} ends when it is an opening brace. */
    private static OptionalInt openingBrace(String query, int from) {
        try {
            Token next = new Lexer(query.substring(from)).next();
            return next.type() == TokenType.LEFT_BRACE ? OptionalInt.of(from + next.end()) : OptionalInt.empty();
        } catch (PromQLSyntaxException e) {
            // Lexed without what came before, a closing parenthesis or bracket looks unbalanced: not a brace either.
            return OptionalInt.empty();
        }
    }
}
