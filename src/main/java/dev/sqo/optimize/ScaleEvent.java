package dev.sqo.optimize;

import java.time.Instant;

/** A change of the replica count that was applied: positive for scale-ups, negative for scale-downs. */
public record ScaleEvent(Instant time, int change) {
}
