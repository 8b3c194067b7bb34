package dev.sqo.simulate;

import dev.sqo.playground.LogNormalLatency;

/**
 * The simulated service, one step at a time. Ready replicas serve up to their capacity and requests beyond it are
 * shed as errors (503). Each replica works on capacity x base latency requests at once, like c servers of a queue;
 * waiting grows as utilisation nears saturation, by the Sakasegawa approximation of an M/M/c queue. Latency is
 * log-normal around base + waiting time, like the demo services'. Pure.
 *
 * @param cpuRequest         cores each replica requests; serving its full capacity uses all of them
 * @param capacityPerReplica requests per second one ready replica serves at 100% CPU
 * @param baseLatencySeconds median latency of an idle service
 */
public record ServiceModel(double cpuRequest, double capacityPerReplica, double baseLatencySeconds) {

    /** Utilisation is capped here for latency: past it the queue would grow without bound within a step. */
    static final double MAX_UTILISATION = 0.98;
    static final double LATENCY_SIGMA = 0.5;

    /**
     * One step of the service.
     *
     * @param offered requests per second arriving
     * @param served  requests per second served (the rest is shed with 503)
     * @param errors  requests per second answered with an error: shed ones plus the incident's share of served ones
     * @param cpu     CPU use of each ready replica in percent of its request
     * @param latency the distribution of served requests' latency; null when nothing is served
     */
    public record Step(double offered, double served, double errors, double cpu, LogNormalLatency latency) {

        /** Share of served requests at or under the latency. */
        public double servedUnder(double seconds) {
            return latency == null ? 0 : latency.fractionUnder(seconds);
        }

        /** The latency at a quantile (0..1) of served requests; NaN when nothing is served. */
        public double quantileSeconds(double q) {
            return latency == null ? Double.NaN : latency.quantile(q);
        }
    }

    public Step step(double offered, int ready, double incidentErrorRatio) {
        double capacity = ready * capacityPerReplica;
        double served = Math.min(offered, capacity);
        double utilisation = capacity == 0 ? 1 : served / capacity;
        double shed = offered - served;
        double errors = shed + served * incidentErrorRatio;
        LogNormalLatency latency = served == 0 ? null : new LogNormalLatency(baseLatencySeconds + waiting(utilisation), LATENCY_SIGMA);
        return new Step(offered, served, errors, utilisation * 100, latency);
    }

    /** Mean time in the queue at this utilisation (Sakasegawa's approximation for M/M/c). */
    double waiting(double utilisation) {
        double c = Math.max(1, Math.round(capacityPerReplica * baseLatencySeconds));
        double rho = Math.min(utilisation, MAX_UTILISATION);
        return baseLatencySeconds * Math.pow(rho, Math.sqrt(2 * (c + 1)) - 1) / (c * (1 - rho));
    }
}
