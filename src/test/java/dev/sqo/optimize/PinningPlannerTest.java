package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinningPlannerTest {

    private static final double MIB = 1024 * 1024;
    private static final ResourcePolicy CPU = ResourcePolicy.cpuDefaults(0.01, 8);

    private static ContainerState container(String name, Double cpu, Double cpuLimit, Double memory, Double memoryLimit) {
        return new ContainerState(name, cpu, cpuLimit, memory, memoryLimit, List.of(), List.of());
    }

    private static PinningPlanner.Pin plan(List<ContainerState> containers, List<ContainerChange> recommended, String pinnedTo) {
        return PinningPlanner.plan("latency", null, new PinningPlanner.Template(containers, pinnedTo, 0, null), recommended, CPU, null);
    }

    @Test
    void cpuRoundsUpFromTheRecommendationOrTheRequestAndMemoryLimitEqualsRequest() {
        PinningPlanner.Pin pin = plan(List.of(container("app", 0.3, null, 256 * MIB, 512 * MIB), container("sidecar", 0.05, 0.1, 64 * MIB, null)),
                List.of(new ContainerChange("app", 2.2, null, 300 * MIB, null)), null);
        assertTrue(pin.needed());
        assertEquals(3.0, pin.resources().get(0).cpuRequest(), "2.2 recommended cores become 3");
        assertEquals(3.0, pin.resources().get(0).cpuLimit());
        assertEquals(512 * MIB, pin.resources().get(0).memoryRequest(), "the highest of recommendation, request and limit");
        assertEquals(512 * MIB, pin.resources().get(0).memoryLimit());
        assertEquals(1.0, pin.resources().get(1).cpuRequest(), "at least one whole core");
        assertTrue(pin.affinity());
    }

    @Test
    void aPinnedWorkloadNeedsNothing() {
        PinningPlanner.Pin pin = plan(List.of(container("app", 2.0, 2.0, 512 * MIB, 512 * MIB)), List.of(), "latency");
        assertFalse(pin.needed());
        assertEquals(List.of("pinned: Guaranteed with whole CPUs on the nodes of latency"), pin.reasons());
    }

    @Test
    void refusesWhatCannotBeGuaranteedOrPlaced() {
        assertEquals("container app sets no memory: a Guaranteed pod needs a memory request",
                plan(List.of(container("app", 1.0, null, null, null)), List.of(), null).refusal());
        assertTrue(plan(List.of(container("app", 12.0, null, 1.0, null)), List.of(), null).refusal().contains("above the CPU maximum"));
        assertTrue(PinningPlanner.plan("latency", null, new PinningPlanner.Template(List.of(container("app", 1.0, null, MIB, null)), null, 1, null),
                List.of(), CPU, null).refusal().contains("init containers"));
        PinningPlanner.Pin noNodes = PinningPlanner.plan("latency", null, new PinningPlanner.Template(List.of(), null, 0, null), List.of(), CPU,
                "no node carries NodeTuningProfile latency yet");
        assertFalse(noNodes.needed());
        assertEquals(List.of("not pinned: no node carries NodeTuningProfile latency yet"), noNodes.reasons());
    }
}
