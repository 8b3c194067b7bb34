package dev.sqo.promql;

/** How many series of one side of a binary operation may match one series of the other. */
public enum Cardinality {
    ONE_TO_ONE,
    /** {@code group_left}. */
    MANY_TO_ONE,
    /** {@code group_right}. */
    ONE_TO_MANY,
    /** Set operators ({@code and}, {@code or}, {@code unless}). */
    MANY_TO_MANY
}
