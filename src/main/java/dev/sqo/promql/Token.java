package dev.sqo.promql;

import java.util.Locale;

/** A token and where it starts in the query. */
record Token(TokenType type, String text, int start) {

    int end() {
        return start + text.length();
    }

    PositionRange range() {
        return new PositionRange(start, end());
    }

    /** The token as Prometheus' "unexpected ..." messages name it. */
    String describe() {
        return switch (type.kind()) {
            case END -> "end of input";
            case NAMED -> (type == TokenType.IDENTIFIER ? "identifier " : "metric identifier ")
                    + GoQuoting.quote(text);
            case VALUE -> type.name().toLowerCase(Locale.ROOT) + " " + GoQuoting.quoteShortened(text);
            case QUOTED -> GoQuoting.quoteShortened(text);
            case OPERATOR -> "<op:" + text + ">";
            case AGGREGATOR -> "<aggr:" + text + ">";
            case KEYWORD -> "<" + text + ">";
        };
    }
}
