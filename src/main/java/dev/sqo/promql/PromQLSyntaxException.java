package dev.sqo.promql;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A query Prometheus would refuse. The message is Prometheus' own, {@code <line>:<column>: parse error: <reason>},
 * with the line and column Prometheus prints: the column counts UTF-8 bytes from the last line break, as Go does.
 */
public class PromQLSyntaxException extends Exception {

    private final String query;
    private final PositionRange position;
    private final String reason;

    public PromQLSyntaxException(String query, PositionRange position, String reason) {
        super(describe(query, position, reason));
        this.query = query;
        this.position = position;
        this.reason = reason;
    }

    /** Prometheus' reason, e.g. {@code unclosed left parenthesis}. */
    public String getReason() {
        return reason;
    }

    /** Where the error is; the end may lie beyond the offending token (lexical errors run to the end of the query). */
    public PositionRange getPosition() {
        return position;
    }

    public String getQuery() {
        return query;
    }

    private static String describe(String query, PositionRange position, String reason) {
        Objects.requireNonNull(reason);
        String before = query.substring(0, position.start());
        int lastLineBreak = before.lastIndexOf('\n');
        long line = 1 + before.chars().filter(c -> c == '\n').count();
        int column = 1 + before.substring(lastLineBreak + 1).getBytes(StandardCharsets.UTF_8).length;
        return line + ":" + column + ": parse error: " + reason;
    }
}
