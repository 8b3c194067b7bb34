package dev.sqo.simulate;

import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.ReplicaBehavior;
import dev.sqo.optimize.ReplicaCalculator;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.ScaleEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A HorizontalPodAutoscaler on CPU alone at a utilisation target, with the HPA's calculation and default behavior. It
 * syncs once per simulated step (the real one every 15 seconds), so steps of 15 seconds reproduce its pace exactly.
 */
final class HpaCpuPolicy implements ReplicaPolicy {

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
        int current = state.replicas.size();
        // metrics-server's CPU is a rate over about a minute.
        List<ServiceModel.Step> window = state.stepsEndingWithin(state.now.minus(Duration.ofMinutes(1)), state.now);
        if (window.isEmpty()) {
            return current;
        }
        double cpu = window.stream().mapToDouble(ServiceModel.Step::cpu).average().orElse(0);
        List<PodSample> pods = new ArrayList<>();
        for (int i = 0; i < current; i++) {
            boolean ready = state.replicas.get(i).compareTo(state.now) <= 0;
            double request = state.scenario.workload().cpuRequest();
            pods.add(new PodSample("pod-" + i, ready ? cpu / 100 * request : null, request, ready ? PodState.READY : PodState.PENDING));
        }
        int desired = calculator.forUtilization(pods, current, target, true);
        int replicas = behavior.normalize(current, desired, history, events, state.instant());
        history.add(new ReplicaRecommendation(state.instant(), desired));
        history.removeIf(r -> r.time().isBefore(state.instant().minus(Duration.ofHours(1))));
        if (replicas != current) {
            events.add(new ScaleEvent(state.instant(), replicas - current));
        }
        return replicas;
    }
}
