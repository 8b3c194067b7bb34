package dev.sqo.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scoreFrom: every policy runs the whole scenario from time 0, and the SLO slices and error budget include what came
 * before it, but the results count only the steps from scoreFrom on.
 */
class SimulationScoreFromTest {

    private static Scenario scored;
    private static Scenario whole;

    @BeforeAll
    static void read() throws IOException {
        scored = ScenarioFile.read(Path.of("src/test/resources/simulate/history.yaml"));
        whole = scoredFrom(scored, Duration.ZERO);
    }

    static Scenario scoredFrom(Scenario s, Duration scoreFrom) {
        return new Scenario(s.duration(), s.step(), scoreFrom, s.seed(), s.noise(), s.workload(), s.traffic(), s.incidents(),
                s.serviceQuality(), s.policies());
    }

    private static PolicyResult.ObjectiveResult objective(PolicyResult r, String name) {
        return r.objectives().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /** The rows of the steps at or after scoreFrom. */
    private static List<PolicyResult.StepRow> scoredRows(PolicyResult r, Duration scoreFrom) {
        return r.timeline().stream().filter(row -> row.minute() * 60 >= scoreFrom.toSeconds()).toList();
    }

    @Test
    void historyIsSimulatedLikeTheRestScoringChangesNothingThatHappens() {
        for (String policy : scored.policies()) {
            assertEquals(Simulation.run(whole, policy).timeline(), Simulation.run(scored, policy).timeline(), policy);
        }
    }

    @Test
    void requestsReplicaHoursAndLatencyCountFromScoreFromOn() {
        PolicyResult fixed = Simulation.run(scored, "static");
        List<PolicyResult.StepRow> rows = scoredRows(fixed, scored.scoreFrom());
        double offered = rows.stream().mapToDouble(PolicyResult.StepRow::rps).sum() * 30;

        assertEquals(offered, objective(fixed, "availability").requests(), 1);
        assertEquals(3.0, fixed.replicaHours(), 1e-9, "three replicas for the scored hour, not for two");
        assertEquals(rows.stream().mapToDouble(PolicyResult.StepRow::p99Ms).max().orElseThrow(), fixed.worstP99Ms(), 1e-9,
                "the overload of the history is not the worst p99");
        assertEquals(100, objective(fixed, "availability").attainment(), 1e-9, "the shed requests and the incident were history");
        assertTrue(objective(Simulation.run(whole, "static"), "availability").attainment() < 90);
    }

    @Test
    void peakAndActionsCountFromScoreFromOnWithTheReplicasItInherits() {
        PolicyResult oracle = Simulation.run(scored, "oracle");
        List<PolicyResult.StepRow> rows = scoredRows(oracle, scored.scoreFrom());
        int inherited = oracle.timeline().get(oracle.timeline().size() - rows.size() - 1).replicas();
        int actions = 0;
        for (int i = 0; i < rows.size(); i++) {
            actions += rows.get(i).replicas() != (i == 0 ? inherited : rows.get(i - 1).replicas()) ? 1 : 0;
        }

        assertEquals(Math.max(inherited, rows.stream().mapToInt(PolicyResult.StepRow::replicas).max().orElseThrow()), oracle.peakReplicas());
        assertTrue(oracle.peakReplicas() < Simulation.run(whole, "oracle").peakReplicas(), "600 rps needed more, in the history");
        assertEquals(actions, oracle.actions());
    }

    @Test
    void theBudgetRemembersTheHistoryButItsBadEventsAndAlertsAreNotScored() {
        PolicyResult fixed = Simulation.run(scored, "static");
        PolicyResult.StepRow firstSliceEnd = scoredRows(fixed, scored.scoreFrom()).stream().filter(r -> !r.budgetLeft().isEmpty())
                .findFirst().orElseThrow();

        assertTrue(firstSliceEnd.budgetLeft().get(0) < 0, "the history's errors spent the availability budget: " + firstSliceEnd);
        assertEquals(0, objective(fixed, "availability").budgetConsumed(), 1e-12);
        assertEquals(0, objective(fixed, "availability").alertsRaised(), "the alert was raised in the history");
        assertTrue(objective(Simulation.run(whole, "static"), "availability").alertsRaised() > 0);
    }

    /** A slice that scoreFrom cuts counts its scored steps; a percentile objective judges whole slices, so it counts none. */
    @Test
    void aSliceThatScoreFromCutsCountsOnlyItsScoredSteps() {
        Duration scoreFrom = Duration.ofMinutes(62).plusSeconds(30);
        PolicyResult cut = Simulation.run(scoredFrom(scored, scoreFrom), "static");
        double offered = scoredRows(cut, scoreFrom).stream().mapToDouble(PolicyResult.StepRow::rps).sum() * 30;

        assertEquals(offered, objective(cut, "availability").requests(), 1);
        assertEquals(offered, objective(cut, "latency").requests(), 1);
        assertEquals(11, objective(cut, "p99").requests(), "the whole slices from 1h05m to 2h");
        assertEquals(12, objective(Simulation.run(scored, "static"), "p99").requests(), "the whole slices from 1h to 2h");
    }
}
