package dev.sqo.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator on the example scenarios, with sqo's real decision code. */
class SimulationTest {

    private static Scenario flashCrowd;

    @BeforeAll
    static void read() throws IOException {
        flashCrowd = ScenarioFile.read(Path.of("examples/scenarios/flash-crowd.yaml"));
    }

    private static PolicyResult.ObjectiveResult objective(PolicyResult r, String name) {
        return r.objectives().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSameScenarioGivesTheSameNumbers() {
        assertEquals(Simulation.run(flashCrowd, "sqo"), Simulation.run(flashCrowd, "sqo"));
        assertEquals(Simulation.run(flashCrowd, "hpa-cpu-70").timeline(), Simulation.run(flashCrowd, "hpa-cpu-70").timeline());
    }

    @Test
    void everyRequestIsGoodOrBadAndEveryPolicySeesTheSameTraffic() {
        PolicyResult sqo = Simulation.run(flashCrowd, "sqo");
        PolicyResult fixed = Simulation.run(flashCrowd, "static");
        double offered = sqo.timeline().stream().mapToDouble(PolicyResult.StepRow::rps).sum() * 30;
        for (PolicyResult.ObjectiveResult o : sqo.objectives()) {
            assertEquals(o.requests(), o.good() + o.bad(), 1, o.name());
            assertEquals(offered, o.requests(), 1, o.name() + ": the SLI counts every offered request");
        }
        assertEquals(objective(sqo, "availability").requests(), objective(fixed, "availability").requests());
    }

    @Test
    void inAFlashCrowdSqoScalesOutAndTheOracleBoundsEveryone() {
        PolicyResult sqo = Simulation.run(flashCrowd, "sqo");
        PolicyResult fixed = Simulation.run(flashCrowd, "static");
        PolicyResult oracle = Simulation.run(flashCrowd, "oracle");
        PolicyResult hpa = Simulation.run(flashCrowd, "hpa-cpu-70");

        assertTrue(sqo.peakReplicas() > 3, "sqo scales out: peak " + sqo.peakReplicas());
        assertTrue(sqo.peakReplicas() <= 12, "never beyond replicas.max of the ServiceQuality");
        assertTrue(objective(sqo, "availability").attainment() > objective(fixed, "availability").attainment() + 20);
        assertTrue(objective(oracle, "availability").met() && objective(oracle, "latency").met(), "the oracle keeps both objectives");
        assertTrue(oracle.replicaHours() < hpa.replicaHours() && oracle.replicaHours() < sqo.replicaHours(),
                "nobody keeps the objectives cheaper than the oracle");
        assertEquals(0, fixed.actions());
    }

    /** What keeps the SLO through a surge: a ServiceQuality whose triggers and cooldown are as fast as the crowd. */
    @Test
    void aServiceQualityTunedForBurstsScalesOutAndKeepsTheSloThroughASurge() throws IOException {
        Scenario surge = ScenarioFile.read(Path.of("examples/scenarios/flash-crowd-tuned.yaml"));
        PolicyResult sqo = Simulation.run(surge, "sqo");
        PolicyResult fixed = Simulation.run(surge, "static");

        assertTrue(sqo.peakReplicas() > 3 && sqo.peakReplicas() <= 12, "peak " + sqo.peakReplicas());
        assertTrue(objective(sqo, "availability").met(), objective(sqo, "availability").toString());
        assertTrue(objective(sqo, "latency").met(), objective(sqo, "latency").toString());
        assertTrue(!objective(fixed, "availability").met() && !objective(fixed, "latency").met(), "the surge needs more than 3 replicas");
    }

    @Test
    void latencyGrowsTowardsSaturationAndOverloadIsShed() {
        ServiceModel model = flashCrowd.model();
        ServiceModel.Step idle = model.step(60, 3, 0);
        ServiceModel.Step busy = model.step(270, 3, 0);
        ServiceModel.Step over = model.step(600, 3, 0.05);
        assertTrue(busy.quantileSeconds(0.99) > 1.5 * idle.quantileSeconds(0.99), "p99 " + busy.quantileSeconds(0.99));
        assertEquals(300, over.served(), 1e-9);
        assertEquals(300 + 300 * 0.05, over.errors(), 1e-9, "shed requests and the incident's share of served ones");
        assertEquals(100, over.cpu(), 1e-9);
        assertEquals(20, idle.cpu(), 1e-9);
    }
}
