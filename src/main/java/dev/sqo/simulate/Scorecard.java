package dev.sqo.simulate;

import dev.sqo.slo.AlertLevel;

import java.time.Duration;
import java.util.Arrays;

/**
 * A policy's totals over the scored part of a run, the steps at or after the scenario's scoreFrom: replica-hours,
 * peak, actions, worst p99 and alerts raised. Steps before it are history: they decide where the scored part starts
 * (the replicas it inherits, an alert already firing) but add nothing to the totals.
 */
final class Scorecard {

    private final Scenario scenario;
    private final double stepSeconds;
    private final AlertLevel[] alert;
    private final int[] alertsRaised;
    private double replicaSeconds;
    private int peak;
    private int actions;
    private double worstP99Ms;

    Scorecard(Scenario scenario, int objectives) {
        this.scenario = scenario;
        this.stepSeconds = scenario.step().toMillis() / 1000.0;
        this.alert = new AlertLevel[objectives];
        Arrays.fill(alert, AlertLevel.NONE);
        this.alertsRaised = new int[objectives];
    }

    /**
     * The step starting at t.
     *
     * @param before replicas before the policy's decision at t: those inherited from history count towards the peak
     * @param after  replicas after it, which the step pays for
     * @param p99Ms  p99 latency of the served requests, NaN when none was served
     */
    void step(Duration t, int before, int after, double p99Ms) {
        if (!scenario.scored(t)) {
            return;
        }
        if (after != before) {
            actions++;
        }
        replicaSeconds += after * stepSeconds;
        peak = Math.max(peak, Math.max(before, after));
        if (!Double.isNaN(p99Ms)) {
            worstP99Ms = Math.max(worstP99Ms, p99Ms);
        }
    }

    /** An objective's alert as evaluated at the slice boundary that ends the step starting at t. */
    void alert(Duration t, int objective, AlertLevel level) {
        if (level != AlertLevel.NONE && alert[objective] == AlertLevel.NONE && scenario.scored(t)) {
            alertsRaised[objective]++;
        }
        alert[objective] = level;
    }

    int alertsRaised(int objective) {
        return alertsRaised[objective];
    }

    double replicaHours() {
        return replicaSeconds / 3600;
    }

    int peak() {
        return peak;
    }

    int actions() {
        return actions;
    }

    double worstP99Ms() {
        return worstP99Ms;
    }
}
