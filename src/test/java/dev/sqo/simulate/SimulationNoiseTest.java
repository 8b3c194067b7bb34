package dev.sqo.simulate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** noise: the relative standard deviation of the offered load from step to step, drawn from the scenario's seed. */
class SimulationNoiseTest {

    /** Flat 2000 rps for a day in 30-second steps: 2880 draws. */
    private static Scenario flat;

    @BeforeAll
    static void read() throws IOException {
        Scenario s = ScenarioFile.read(Path.of("src/test/resources/simulate/saturated.yaml"));
        flat = new Scenario(Duration.ofHours(24), Duration.ofSeconds(30), Duration.ZERO, 5, s.noise(), s.workload(), s.traffic(),
                s.incidents(), s.serviceQuality(), List.of("static"));
    }

    private static Scenario withNoise(double noise) {
        return new Scenario(flat.duration(), flat.step(), flat.scoreFrom(), flat.seed(), noise, flat.workload(), flat.traffic(),
                flat.incidents(), flat.serviceQuality(), flat.policies());
    }

    /** Each step's offered load relative to the traffic curve, less one. */
    private static double[] deviations(double noise) {
        return Simulation.run(withNoise(noise), "static").timeline().stream().mapToDouble(r -> r.rps() / 2000 - 1).toArray();
    }

    private static double standardDeviation(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }

    @Test
    void noiseIsTheRelativeStandardDeviationOfTheOfferedLoad() {
        assertEquals(0.2, standardDeviation(deviations(0.2)), 0.01);
        assertEquals(0.05, standardDeviation(deviations(Scenario.DEFAULT_NOISE)), 0.0025);
        assertEquals(0, standardDeviation(deviations(0)), 0, "no noise: the traffic curve itself");
    }

    @Test
    void theSameSeedDrawsTheSameDeviationsScaledByTheNoise() {
        double[] small = deviations(0.05);
        double[] large = deviations(0.2);
        for (int i = 0; i < small.length; i++) {
            assertEquals(4 * small[i], large[i], 1e-9, "step " + i);
        }
    }
}
