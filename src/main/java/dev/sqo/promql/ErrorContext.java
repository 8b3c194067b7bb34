package dev.sqo.promql;

/**
 * Where Prometheus' parser says an unexpected token is, and what it expected there ({@code unexpected "}" in label
 * matching, expected string}). These are the error rules of its grammar ({@code generated_parser.y}): the parser
 * names the innermost construct with such a rule that is open when the token arrives, or nothing at the top.
 */
enum ErrorContext {
    TOP("", ""),
    /** Anywhere in an aggregation after its operator, unless a context below is nearer. */
    AGGREGATION("aggregation", ""),
    GROUPING_OPEN("grouping opts", "\"(\""),
    GROUPING_LABEL("grouping opts", "label"),
    GROUPING_SEPARATOR("grouping opts", "\",\" or \")\""),
    MATCHER_START("label matching", "identifier or \"}\""),
    MATCHER_OPERATOR("label matching", "label matching operator"),
    MATCHER_VALUE("label matching", "string"),
    MATCHER_SEPARATOR("label matching", "\",\" or \"}\""),
    OFFSET("offset", "duration"),
    AT("@", "timestamp"),
    RANGE_END("subquery or range", "\":\" or \"]\""),
    SUBQUERY_STEP("subquery selector", "duration or \"]\""),
    SUBQUERY_END("subquery selector", "\"]\"");

    private final String construct;
    private final String expected;

    ErrorContext(String construct, String expected) {
        this.construct = construct;
        this.expected = expected;
    }

    String unexpected(Token token) {
        StringBuilder message = new StringBuilder("unexpected ").append(token.describe());
        if (!construct.isEmpty()) {
            message.append(" in ").append(construct);
        }
        if (!expected.isEmpty()) {
            message.append(", expected ").append(expected);
        }
        return message.toString();
    }
}
