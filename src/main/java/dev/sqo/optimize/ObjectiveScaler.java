package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sqo's own replica control, for a ServiceQuality that lists no scaling trigger: replicas follow the load over the
 * capacity a ready pod has shown while the objectives held ({@link CapacityModel}), ahead of a forecast rise
 * ({@link SeasonalForecast}), hotter while the error budget has headroom and cooler while load makes it burn. Pure.
 *
 * <ul>
 * <li><b>Fast</b>: the load is a 1-minute rate. When it needs twice the capacity of the ready pods (Knative's panic
 * threshold), scale-out skips the rate limits and nothing scales in until a calm {@link #CALM} has passed. Pods still
 * starting count as capacity already ordered: the proposal is a count of pods, not a step.</li>
 * <li><b>Budget</b>: beyond the proven capacity only while the remaining budget is above its floor (never spend the
 * reserve on savings); 15% under it while the budget burns and the workload is strained; when the budget burns but
 * the workload is not strained, no scale-out (errors load does not cause) and Investigate.</li>
 * <li><b>Scale-in guard</b>: none while the budget burns now (a 5- or 30-minute burn rate above 1: between two
 * bursts of an incident the last five minutes may look calm), in panic, or with a signal missing. A budget spent
 * earlier does not hold replicas once the burn stopped: the alert's long windows do not count.</li>
 * <li><b>Memoryless</b>: the scale-down stabilization reads recommendations rebuilt from the recent load, so a
 * restarted operator and {@code sqo evaluate} recommend what a long-running operator would.</li>
 * </ul>
 */
public final class ObjectiveScaler {

    /** From a rise to a decision: the 1-minute rate window and one decision period. */
    static final Duration DETECTION = Duration.ofSeconds(90);
    /**
     * A scale-out waits until the load exceeds what the replicas serve by this much: a minute's noise over the line is
     * no reason to add a pod that leaves again five minutes later. Within it, the pods run less than 5% beyond the
     * planned capacity, which the probe's margin covers.
     */
    static final double TOLERANCE = 0.05;
    /** Panic when the load needs this many times the ready pods' capacity. */
    static final double PANIC = 2;
    /** Panic ends after this long without crossing. */
    static final Duration CALM = Duration.ofMinutes(2);
    /** Capacity while load makes the budget burn. */
    static final double COOLER = 0.85;
    /** Remaining budget above the floor at which the whole probe is allowed. */
    static final double FULL_PROBE_ABOVE_FLOOR = 0.25;

    /**
     * @param desired         replicas the load needs, before stabilization, rate limits and bounds
     * @param replicas        after them: what to apply
     * @param capacity        the learned capacity, null while unknown
     * @param operating       requests per second per pod planned with
     * @param forecast        the forecast behind the proposal, or null
     * @param forecastNote    why there is no forecast, or null
     * @param scaleInBlocker  why no scale-in may happen now, or null
     * @param unexplainedBurn the budget burns but load does not explain it: the Investigate message, or null
     */
    public record Proposal(int desired, int replicas, double load, Capacity capacity, double operating, boolean panic,
                           Forecast forecast, String forecastNote, String scaleInBlocker, String unexplainedBurn, List<String> reasons) {
    }

    private ObjectiveScaler() {
    }

    /** How far back the recent load must reach: the scale-down window, and the trend's five minutes with a margin. */
    public static Duration loadWindow(OptimizationPolicy policy) {
        Duration stabilization = policy.behavior().scaleDown().stabilizationWindow();
        Duration trend = Duration.ofMinutes(10);
        return stabilization.compareTo(trend) > 0 ? stabilization : trend;
    }

    public static Proposal propose(OptimizationPolicy policy, WorkloadObservation obs, List<ScaleEvent> events, Instant now) {
        int current = obs.currentReplicas();
        Demand d = obs.demand();
        List<String> reasons = new ArrayList<>();
        RecentLoad recent = d == null ? null : new RecentLoad(d.load(), now);
        double load = recent == null ? Double.NaN : recent.latest();
        if (Double.isNaN(load)) {
            String why = "no request rate for the last " + RecentLoad.FRESH.toMinutes() + " minutes";
            return cpuOnly(policy, current, d, events, now, why);
        }
        int ready = d.readyPods();
        Capacity capacity = CapacityModel.learn(d.history(), now, ready > 0 ? load / ready : Double.NaN, d.cpu());
        if (capacity == null) {
            String why = "a pod's capacity is not known yet: no healthy history and no CPU reading";
            return hold(current, why, "no change: " + why);
        }
        reasons.add("capacity: " + capacity.reason());

        boolean strained = strainedNow(d, now, load, ready, capacity);
        String unexplained = null;
        double probeShare;
        double cooler = 1;
        Double burn = d.burnNow();
        if (burn != null && burn > 1 && strained) {
            probeShare = 0;
            cooler = COOLER;
            reasons.add(format("the budget burns (%.1fx) while the workload is strained: running %.0f%% cooler", burn,
                    (1 - COOLER) * 100));
        } else if (burn != null && burn > 1) {
            probeShare = 0;
            String why = format("the error budget burns at %.1fx while load does not strain the workload (%.1f requests/s "
                    + "per ready pod, capacity %.1f, latency within its margin): more replicas would not help", burn,
                    ready > 0 ? load / ready : load, capacity.proven());
            reasons.add(why);
            // Investigate once the burn-rate alert fires: a minute's errors are not yet a problem to hand to a person.
            unexplained = obs.alert() != AlertLevel.NONE ? why : null;
        } else if (obs.budgetRemaining() == null || !Double.isFinite(obs.budgetRemaining())) {
            probeShare = 0;
            reasons.add("the remaining budget is unknown: no running hotter");
        } else if (obs.budgetRemaining() <= policy.budgetFloor()) {
            probeShare = 0;
            reasons.add(format("%.0f%% of the budget is left, at or under the floor of %.0f%%: the reserve is not spent on savings",
                    obs.budgetRemaining() * 100, policy.budgetFloor() * 100));
        } else {
            probeShare = Math.min(1, (obs.budgetRemaining() - policy.budgetFloor()) / FULL_PROBE_ABOVE_FLOOR);
            if (capacity.probe() * probeShare >= 0.005) {
                reasons.add(format("budget healthy (%.0f%% left): running up to %.0f%% beyond the proven capacity",
                        obs.budgetRemaining() * 100, capacity.probe() * probeShare * 100));
            }
        }
        double operating = capacity.operating(probeShare, cooler);

        SeasonalForecast.Outcome outcome = SeasonalForecast.ahead(d.history(), now, d.startup().plus(DETECTION));
        Forecast forecast = outcome.forecast();
        boolean panic = panic(d, now, ready, operating);
        double leadMinutes = d.startup().plus(DETECTION).toSeconds() / 60.0;
        // A ramp goes on while new pods start: provide for where it will be. A surge (a crowd arriving) is not
        // waited for; anything else must hold for a minute before it adds a pod.
        double ramp = recent.ramp();
        double surge = recent.surge();
        double needed = recent.sustained() + ramp * leadMinutes;
        if (surge > 0) {
            double ahead = load + surge * leadMinutes;
            reasons.add(format("the load surged by %.0f requests/s within a minute: %.0f expected when new pods serve", surge, ahead));
            needed = Math.max(needed, ahead);
        } else if (ramp > 0) {
            reasons.add(format("the load ramps up by %.1f requests/s a minute: %.0f expected when new pods serve", ramp, needed));
        }
        if (forecast != null) {
            needed = Math.max(needed, forecast.load());
            reasons.add(format("forecast (%s): up to %.0f requests/s within %ds (level %.2f, recent error %.0f%%)",
                    SeasonalForecast.name(forecast.season()), forecast.load(), forecast.lead().toSeconds(), forecast.level(),
                    forecast.recentError() * 100));
        } else {
            reasons.add("no forecast: " + outcome.reason());
        }
        if (panic) {
            // The load already needs twice what serves it: no minute of waiting for it to be sustained.
            needed = Math.max(needed, load);
            reasons.add(format("panic: the load needs more than %.0fx the capacity of the %d ready pods", PANIC, ready));
        }
        if (!Double.isFinite(needed) || !(operating > 0) || !Double.isFinite(operating)) {
            String why = format("no finite load or capacity to plan with (load %s, capacity %s)", needed, operating);
            return hold(current, why, "no change: " + why);
        }
        int desired = Math.max(1, (int) Math.ceil(needed / operating));
        if (desired > current && needed <= current * operating * (1 + TOLERANCE)) {
            reasons.add(format("%.1f requests/s is within %.0f%% of what %d replicas serve: no scale-out for it", needed,
                    TOLERANCE * 100, current));
            desired = current;
        }
        reasons.add(format("load %.1f requests/s over %.1f per pod needs %d replicas", needed, operating, desired));

        ReplicaBehavior behavior = policy.behavior();
        int replicas;
        if (panic && desired > current) {
            // A sudden crowd: the whole step now, within the bounds; rate limits would shed requests for minutes.
            replicas = Math.max(behavior.minReplicas(), Math.min(behavior.maxReplicas(), desired));
        } else {
            replicas = behavior.normalize(current, desired, rebuilt(d, recent, now, operating, behavior), events, now);
        }
        String blocker = scaleInBlocker(obs, panic, burn);
        return new Proposal(desired, replicas, needed, capacity, operating, panic, forecast, outcome.reason(), blocker, unexplained,
                reasons);
    }

    /**
     * Without a request rate (its scrape tends to fail when the service is saturated), CPU may still ask for more pods,
     * as an HPA at 70% would: a scale-out only, never a scale-in.
     */
    private static Proposal cpuOnly(OptimizationPolicy policy, int current, Demand d, List<ScaleEvent> events, Instant now, String why) {
        if (d == null || !Double.isFinite(d.cpu()) || d.readyPods() == 0) {
            return hold(current, why, "no change: " + why);
        }
        int desired = (int) Math.ceil(d.readyPods() * d.cpu() / CapacityModel.BOOTSTRAP_UTILIZATION);
        if (desired <= current) {
            return hold(current, why, "no change: " + why);
        }
        int replicas = policy.behavior().normalize(current, desired, List.of(), events, now);
        return new Proposal(desired, replicas, Double.NaN, null, Double.NaN, false, null, null, why, null, List.of(format(
                "%s; CPU at %.0f%% of the request on %d ready pods asks for %d replicas, as an HPA at %.0f%% would",
                why, d.cpu() * 100, d.readyPods(), desired, CapacityModel.BOOTSTRAP_UTILIZATION * 100)));
    }

    private static Proposal hold(int current, String blocker, String reason) {
        return new Proposal(current, current, Double.NaN, null, Double.NaN, false, null, null, blocker, null, List.of(reason));
    }

    /** Strained now: the last complete bucket's latency beyond its margin, or more load per pod than proven. */
    private static boolean strainedNow(Demand d, Instant now, double load, int ready, Capacity capacity) {
        ServiceHistory h = d.history();
        int last = h.index(now) - 1;
        double strain = last >= 0 && last < h.size() ? h.strain()[last] : Double.NaN;
        return (!Double.isNaN(strain) && strain > CapacityModel.LATENCY_MARGIN) || ready == 0 || load / ready > capacity.proven();
    }

    /** Whether any load sample of the last {@link #CALM} needed {@link #PANIC} times the ready pods' capacity. */
    private static boolean panic(Demand d, Instant now, int ready, double operating) {
        for (Map.Entry<Instant, Double> e : d.load().subMap(now.minus(CALM), false, now, true).entrySet()) {
            if (e.getValue() >= PANIC * ready * operating && e.getValue() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The recommendations of the scale-down window, rebuilt from its load: nothing held in memory, so a restart
     * changes nothing.
     */
    private static List<ReplicaRecommendation> rebuilt(Demand d, RecentLoad recent, Instant now, double operating,
                                                       ReplicaBehavior behavior) {
        List<ReplicaRecommendation> out = new ArrayList<>();
        Duration window = behavior.scaleDown().stabilizationWindow();
        for (Instant t : d.load().subMap(now.minus(window), false, now, true).keySet()) {
            out.add(new ReplicaRecommendation(t, Math.max(1, (int) Math.ceil(recent.sustainedAt(t) / operating))));
        }
        return out;
    }

    private static String scaleInBlocker(WorkloadObservation obs, boolean panic, Double burn) {
        if (panic) {
            return "panic: no scale-in until the load has been calm for " + CALM.toMinutes() + " minutes";
        }
        if (burn == null) {
            return "the burn rate is unknown";
        }
        if (burn > 1) {
            return format("the error budget burns now (%.1fx over the last 5 or 30 minutes)", burn);
        }
        if (!obs.failedSignals().isEmpty()) {
            return "a signal has missing data (" + String.join(", ", obs.failedSignals().keySet()) + ")";
        }
        return null;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
