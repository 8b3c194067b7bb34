package dev.sqo.simulate;

import dev.sqo.api.ServiceQuality;

import java.time.Duration;
import java.util.List;

/**
 * A what-if: simulated time, traffic, incidents, the service and its ServiceQuality, and the policies to compare.
 *
 * @param scoreFrom where the scored part starts: every policy runs from time 0 and its SLO slices and error budget
 *                  include what came before, but its results count only the steps from here on
 * @param noise     relative standard deviation of the offered load from step to step
 * @param traffic   requests per second at points in time, linear in between (flat after the last point)
 * @param policies  names of {@link Policies}
 */
public record Scenario(Duration duration, Duration step, Duration scoreFrom, long seed, double noise, Workload workload,
                       List<TrafficPoint> traffic, List<Incident> incidents, ServiceQuality serviceQuality, List<String> policies) {

    /** The noise of a scenario that sets none: real traffic is never flat, and policies should not count on it. */
    public static final double DEFAULT_NOISE = 0.05;

    /**
     * @param capacityPerReplica requests per second one replica serves at its full CPU request
     * @param startupDelay       time from a replica's creation until it serves
     */
    public record Workload(int replicas, double cpuRequest, double capacityPerReplica, Duration baseLatency, Duration startupDelay) {
    }

    public record TrafficPoint(Duration at, double rps) {
    }

    public record Incident(Duration at, Duration duration, double errorRatio) {
        boolean covers(Duration t) {
            return t.compareTo(at) >= 0 && t.compareTo(at.plus(duration)) < 0;
        }
    }

    /** Whether the step starting at t counts in the results. */
    public boolean scored(Duration t) {
        return t.compareTo(scoreFrom) >= 0;
    }

    /** Offered load at t, before noise. */
    public double rps(Duration t) {
        if (traffic.isEmpty()) {
            return 0;
        }
        TrafficPoint before = traffic.get(0);
        if (t.compareTo(before.at()) <= 0) {
            return before.rps();
        }
        for (TrafficPoint next : traffic) {
            if (t.compareTo(next.at()) <= 0) {
                double span = next.at().minus(before.at()).toMillis();
                double f = span == 0 ? 1 : t.minus(before.at()).toMillis() / span;
                return before.rps() + f * (next.rps() - before.rps());
            }
            before = next;
        }
        return before.rps();
    }

    /** The incident error ratio at t: the highest of the incidents covering it. */
    public double incidentErrorRatio(Duration t) {
        return incidents.stream().filter(i -> i.covers(t)).mapToDouble(Incident::errorRatio).max().orElse(0);
    }

    public ServiceModel model() {
        return new ServiceModel(workload.cpuRequest(), workload.capacityPerReplica(), workload.baseLatency().toMillis() / 1000.0);
    }
}
