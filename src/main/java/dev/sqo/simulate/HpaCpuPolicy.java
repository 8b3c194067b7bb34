package dev.sqo.simulate;

import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.ReplicaBehavior;
import dev.sqo.optimize.ReplicaCalculator;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.ScaleEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A HorizontalPodAutoscaler on CPU alone at a utilisation target, with the HPA's calculation and default behavior. It
 * keeps the HPA's pace whatever the scenario's step: one sync per 15 seconds of simulated time, each carried out at
 * the first step that starts at or after its tick. A 30-second step therefore holds two syncs: the second counts the
 * pods the first ordered as not ready and meets the scale-up limit afresh, as the real HPA 15 seconds later would.
 */
final class HpaCpuPolicy implements ReplicaPolicy {

    /** The HPA controller's --horizontal-pod-autoscaler-sync-period. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    private final int target;
    private final ReplicaBehavior behavior;
    private final ReplicaCalculator calculator = new ReplicaCalculator(ReplicaCalculator.DEFAULT_TOLERANCE);
    private final List<ReplicaRecommendation> history = new ArrayList<>();
    private final List<ScaleEvent> events = new ArrayList<>();

    HpaCpuPolicy(int target, int min, int max) {
        this.target = target;
        this.behavior = ReplicaBehavior.defaults(min, max);
    }

    @Override
    public String name() {
        return "hpa-cpu-" + target;
    }

    @Override
    public int decide(SimulationState state, double upcoming) {
        int replicas = state.replicas.size();
        for (Duration tick : syncsDue(state.now, state.scenario.step())) {
            replicas = sync(state, replicas, SimulationState.EPOCH.plus(tick));
        }
        return replicas;
    }

    /** The sync ticks whose first step at or after them is the one starting now: those in (now - step, now]. */
    static List<Duration> syncsDue(Duration now, Duration step) {
        long period = SYNC_PERIOD.toMillis();
        long first = Math.max(0, Math.floorDiv(now.minus(step).toMillis(), period) + 1);
        List<Duration> ticks = new ArrayList<>();
        for (long k = first; k * period <= now.toMillis(); k++) {
            ticks.add(Duration.ofMillis(k * period));
        }
        return ticks;
    }

    /**
     * One sync, at the tick's time for the behavior's history and rate limits. The model knows the service only at
     * step starts, so every sync of a step reads the same CPU; pods beyond those the step started with were ordered
     * by an earlier sync of the step, and are pending.
     */
    private int sync(SimulationState state, int current, Instant at) {
        // metrics-server's CPU is a rate over about a minute.
        List<ServiceModel.Step> window = state.stepsEndingWithin(state.now.minus(Duration.ofMinutes(1)), state.now);
        if (window.isEmpty()) {
            return current;
        }
        double cpu = window.stream().mapToDouble(ServiceModel.Step::cpu).average().orElse(0);
        double request = state.scenario.workload().cpuRequest();
        List<PodSample> pods = new ArrayList<>();
        for (int i = 0; i < current; i++) {
            // Scaling in removes the newest replicas first, so the first ones are those the step started with.
            boolean ready = i < state.replicas.size() && state.replicas.get(i).compareTo(state.now) <= 0;
            pods.add(new PodSample("pod-" + i, ready ? cpu / 100 * request : null, request, ready ? PodState.READY : PodState.PENDING));
        }
        int desired = calculator.forUtilization(pods, current, target, true);
        int replicas = behavior.normalize(current, desired, history, events, at);
        history.add(new ReplicaRecommendation(at, desired));
        history.removeIf(r -> r.time().isBefore(at.minus(Duration.ofHours(1))));
        if (replicas != current) {
            events.add(new ScaleEvent(at, replicas - current));
        }
        return replicas;
    }
}
