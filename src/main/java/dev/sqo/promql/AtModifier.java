package dev.sqo.promql;

import java.time.Instant;

/** The {@code @} modifier of a selector or subquery: the time it is evaluated at, instead of the query's. */
public sealed interface AtModifier {

    /** {@code @ <seconds>}, kept to the millisecond as Prometheus keeps it. */
    record Timestamp(Instant instant) implements AtModifier {
    }

    /** {@code @ start()} and {@code @ end()}: the start or the end of the range query. */
    enum Edge implements AtModifier {
        START,
        END
    }
}
