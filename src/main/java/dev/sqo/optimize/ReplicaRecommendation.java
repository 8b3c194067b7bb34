package dev.sqo.optimize;

import java.time.Instant;

/** An unstabilized replica recommendation, kept for the stabilization windows. */
public record ReplicaRecommendation(Instant time, int replicas) {
}
