package dev.sqo.simulate;

import java.util.List;

/**
 * How one policy did over the scored part of the scenario (from its scoreFrom on; all of it by default).
 *
 * @param replicaHours   replicas (starting ones included: they cost as much) times hours
 * @param peakReplicas   the most replicas at any scored step, those inherited from history included
 * @param actions        how many scored steps changed the replica count
 * @param worstP99Ms     the highest p99 latency of served requests at any scored step
 * @param timeline       one row per step, history included, for charts and the metrics export
 */
public record PolicyResult(String policy, List<ObjectiveResult> objectives, double replicaHours, int peakReplicas, int actions,
                           double worstP99Ms, List<StepRow> timeline) {

    /**
     * @param attainment     percent good over the scored part
     * @param budgetConsumed share of the error budget that much badness uses, for the scored events
     * @param alertsRaised   times the multi-window burn-rate alert went from None to Ticket or Page
     */
    public record ObjectiveResult(String name, double target, double attainment, double budgetConsumed, int alertsRaised,
                                  long requests, long good, long bad) {

        public boolean met() {
            return attainment >= target;
        }
    }

    /**
     * One step: time in minutes, offered rps, replicas (all, ready), CPU %, median and p99 latency in ms (0 when
     * nothing is served), error %, and at slice ends each objective's SLI and remaining budget in %.
     */
    public record StepRow(double minute, double rps, int replicas, int ready, double cpu, double medianMs, double p99Ms,
                          double errorPercent, List<Double> sli, List<Double> budgetLeft) {
    }
}
