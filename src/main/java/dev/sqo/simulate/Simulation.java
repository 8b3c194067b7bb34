package dev.sqo.simulate;

import dev.sqo.slo.ObjectiveEvaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs a scenario under one policy in simulated time. Every policy sees the same traffic: its noise comes from the
 * scenario's seed, so the same scenario gives the same numbers, run after run. The whole scenario runs from time 0;
 * what comes before its scoreFrom is history, which the SLO slices and error budget include and the results do not.
 */
public final class Simulation {

    private Simulation() {
    }

    public static PolicyResult run(Scenario scenario, String policyName) {
        ReplicaPolicy policy = Policies.of(policyName, scenario);
        SimulationState state = new SimulationState(scenario);
        ServiceModel model = scenario.model();
        Random noise = new Random(scenario.seed());
        double seconds = scenario.step().toMillis() / 1000.0;
        int steps = (int) (scenario.duration().toMillis() / scenario.step().toMillis());
        Scorecard score = new Scorecard(scenario, state.objectives.size());
        List<PolicyResult.StepRow> timeline = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            state.now = scenario.step().multipliedBy(i);
            double offered = Math.max(0, scenario.rps(state.now) * (1 + scenario.noise() * noise.nextGaussian()));
            int before = state.replicas.size();
            resize(state, policy.decide(state, offered), policy.instantStart() ? Duration.ZERO : scenario.workload().startupDelay());
            ServiceModel.Step step = model.step(offered, state.ready(), scenario.incidentErrorRatio(state.now));
            double p99 = step.quantileSeconds(0.99) * 1000;
            score.step(state.now, before, state.replicas.size(), p99);
            boolean sliceEnd = state.record(step, seconds);
            List<Double> sli = new ArrayList<>();
            List<Double> budget = new ArrayList<>();
            if (sliceEnd) {
                for (int o = 0; o < state.objectives.size(); o++) {
                    ObjectiveEvaluation e = state.evaluation(o);
                    score.alert(state.now, o, e.alert());
                    sli.add(e.attainment());
                    budget.add(e.budgetRemaining() == null ? null : e.budgetRemaining() * 100);
                }
            }
            timeline.add(new PolicyResult.StepRow(state.now.toSeconds() / 60.0, offered, state.replicas.size(), state.ready(), step.cpu(),
                    step.latency() == null ? 0 : step.latency().medianSeconds() * 1000, Double.isNaN(p99) ? 0 : p99, step.offered() == 0 ? 0 : 100 * step.errors() / step.offered(), sli, budget));
        }
        List<PolicyResult.ObjectiveResult> objectives = new ArrayList<>();
        for (int o = 0; o < state.objectives.size(); o++) {
            double bad = state.scoredBad(o);
            double total = state.scoredEvents(o);
            double target = state.objectives.get(o).target;
            double attainment = total == 0 ? 100 : 100 * (1 - bad / total);
            objectives.add(new PolicyResult.ObjectiveResult(state.objectives.get(o).name, target, attainment,
                    total == 0 ? 0 : (bad / total) / (1 - target / 100), score.alertsRaised(o), Math.round(total), Math.round(total - bad), Math.round(bad)));
        }
        return new PolicyResult(policy.name(), objectives, score.replicaHours(), score.peak(), score.actions(), score.worstP99Ms(), timeline);
    }

    /** Adds replicas that become ready after the delay, or removes the newest first (they serve least yet). */
    private static void resize(SimulationState state, int desired, Duration delay) {
        while (state.replicas.size() < desired) {
            state.replicas.add(state.now.plus(delay));
        }
        while (state.replicas.size() > desired && state.replicas.size() > 1) {
            state.replicas.remove(state.replicas.size() - 1);
        }
    }
}
