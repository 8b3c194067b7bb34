package dev.sqo.promql;

/**
 * Where a piece of a query is: {@code start} inclusive, {@code end} exclusive, counted in the query's chars (Java
 * string offsets, so {@code query.substring(start, end)} is the piece).
 */
public record PositionRange(int start, int end) {

    public PositionRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad position range " + start + ".." + end);
        }
    }

    PositionRange to(PositionRange other) {
        return new PositionRange(start, other.end);
    }
}
