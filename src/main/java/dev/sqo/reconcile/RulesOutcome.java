package dev.sqo.reconcile;

/** What publishing a ServiceQuality's Prometheus rules did, for the RulesPublished condition. */
public record RulesOutcome(String status, String reason, String message) {
}
