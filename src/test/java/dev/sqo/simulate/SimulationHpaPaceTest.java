package dev.sqo.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated HPA keeps the real one's pace whatever the scenario's step: one sync per 15 seconds, each at the first
 * step at or after its tick, with the HPA's scale-up limit, scale events and not-ready rule applying sync by sync.
 */
class SimulationHpaPaceTest {

    /** Ten replicas at 100% CPU from the start, 2000 rps offered to a capacity of 1000, steps of 15 s, no noise. */
    private static Scenario saturated;

    @BeforeAll
    static void read() throws IOException {
        saturated = ScenarioFile.read(Path.of("src/test/resources/simulate/saturated.yaml"));
    }

    static Scenario withStep(Scenario s, Duration step) {
        return new Scenario(s.duration(), step, s.scoreFrom(), s.seed(), s.noise(), s.workload(), s.traffic(), s.incidents(),
                s.serviceQuality(), s.policies());
    }

    /** The replicas after the decisions of the step starting at the second. */
    private static int replicasAt(PolicyResult r, int second) {
        return r.timeline().stream().filter(row -> Math.round(row.minute() * 60) == second).findFirst().orElseThrow().replicas();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 15, 20, 30, 60})
    void fourSyncsAMinuteEachAtTheFirstStepAtOrAfterItsTick(int stepSeconds) {
        Duration step = Duration.ofSeconds(stepSeconds);
        Duration hour = Duration.ofHours(1);
        List<Duration> syncs = new ArrayList<>();
        // Up to the step at the hour itself: the hour's last ticks may fall on it.
        for (Duration now = Duration.ZERO; now.compareTo(hour) <= 0; now = now.plus(step)) {
            for (Duration tick : HpaCpuPolicy.syncsDue(now, step)) {
                assertTrue(tick.compareTo(now) <= 0 && now.minus(tick).compareTo(step) < 0, "tick " + tick + " synced at " + now);
                if (tick.compareTo(hour) < 0) {
                    syncs.add(tick);
                }
            }
        }
        assertEquals(240, syncs.size(), "one sync per 15 s of the hour");
        for (int i = 0; i < syncs.size(); i++) {
            assertEquals(HpaCpuPolicy.SYNC_PERIOD.multipliedBy(i), syncs.get(i));
        }
    }

    /** Conformance case 11 twice over: at five times its target, max(4 pods, 100%) per sync, 10 → 20 → 40. */
    @Test
    void twoSyncsInAThirtySecondStepDoubleTwice() {
        PolicyResult fifteen = Simulation.run(saturated, "hpa-cpu-20");
        PolicyResult thirty = Simulation.run(withStep(saturated, Duration.ofSeconds(30)), "hpa-cpu-20");

        assertEquals(20, replicasAt(fifteen, 15), "100% CPU against a 20% target wants 50; the first sync may double");
        assertEquals(40, replicasAt(fifteen, 30), "the second doubles again: the first sync's scale-up is out of its 15-s period");
        assertEquals(10, replicasAt(thirty, 0), "no CPU sample yet");
        assertEquals(40, replicasAt(thirty, 30), "both syncs of the step");
    }

    /** The pods the first sync ordered are not ready at the second, and count as 0% CPU on a scale-up. */
    @Test
    void theSecondSyncCountsThePodsTheFirstOrderedAsNotReady() {
        PolicyResult thirty = Simulation.run(withStep(saturated, Duration.ofSeconds(30)), "hpa-cpu-50");

        assertEquals(20, replicasAt(thirty, 30), "10 ready pods at 100% and 10 pending at 0%: 50%, on target");
        assertEquals(20, replicasAt(thirty, 60), "still pending until 90 s");
        assertEquals(40, replicasAt(thirty, 90), "ready and at 100%: twice the target again");
    }

    /**
     * On the same traffic, any step gives the HPA the replica counts of 15-second steps at their common boundaries.
     * This holds exactly because the traffic is flat: on changing traffic a longer step holds the load of its start
     * for longer, and the HPA, like every policy, reads that coarser load.
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 60})
    void anyStepGivesTheReplicasOfFifteenSecondSteps(int stepSeconds) {
        Scenario other = withStep(saturated, Duration.ofSeconds(stepSeconds));
        for (String policy : saturated.policies()) {
            PolicyResult fifteen = Simulation.run(saturated, policy);
            PolicyResult coarse = Simulation.run(other, policy);
            for (PolicyResult.StepRow row : coarse.timeline()) {
                int second = (int) Math.round(row.minute() * 60);
                if (second % 15 == 0) {
                    assertEquals(replicasAt(fifteen, second), row.replicas(), policy + " at " + second + " s, steps of " + stepSeconds + " s");
                }
            }
            assertTrue(coarse.peakReplicas() > 10, policy + " scaled out");
        }
    }
}
