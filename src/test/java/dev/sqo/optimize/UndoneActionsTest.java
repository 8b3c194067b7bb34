package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sqo's changes undone by another writer: once is a decision to respect, twice a day is a loop to leave. */
class UndoneActionsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static UndoneActions.Undone undone(String id, ActionKind kind, Duration ago) {
        return new UndoneActions.Undone(id, kind, NOW.minus(ago), kind + " 2 -> 3");
    }

    @Test
    void oneUndoneScaleIsNoLoop() {
        assertTrue(UndoneActions.holds(List.of(undone("a", ActionKind.ScaleOut, Duration.ofMinutes(5))), List.of(), NOW).isEmpty());
    }

    @Test
    void twoUndoneChangesOfTheReplicasWithinADayHoldEveryScaleForEverySignal() {
        List<DecisionCycle.NewHold> holds = UndoneActions.holds(List.of(undone("a", ActionKind.ScaleOut, Duration.ofHours(20)),
                undone("b", ActionKind.ScaleIn, Duration.ofMinutes(5))), List.of(), NOW);

        assertEquals(List.of(new Hold(ActionKind.ScaleOut, Hold.ANY_SIGNAL), new Hold(ActionKind.ScaleIn, Hold.ANY_SIGNAL)),
                holds.stream().map(DecisionCycle.NewHold::hold).toList());
        assertTrue(holds.get(0).reason().contains("a (ScaleOut 2 -> 3), b (ScaleIn 2 -> 3)"), holds.get(0).reason());
        assertTrue(holds.get(0).reason().contains("/spec/replicas"), holds.get(0).reason());
    }

    @Test
    void undoneChangesOlderThanADayOrOfAnotherFieldDoNotAddUp() {
        assertTrue(UndoneActions.holds(List.of(undone("a", ActionKind.ScaleOut, Duration.ofHours(25)),
                undone("b", ActionKind.ScaleOut, Duration.ofMinutes(5))), List.of(), NOW).isEmpty());
        assertTrue(UndoneActions.holds(List.of(undone("a", ActionKind.Resize, Duration.ofHours(1)),
                undone("b", ActionKind.ScaleOut, Duration.ofMinutes(5))), List.of(), NOW).isEmpty());
    }

    @Test
    void aResizeAndAPinUndoneAreOneFieldTheResources() {
        List<DecisionCycle.NewHold> holds = UndoneActions.holds(List.of(undone("a", ActionKind.Pin, Duration.ofHours(1)),
                undone("b", ActionKind.Resize, Duration.ofMinutes(5))), List.of(new Hold(ActionKind.Pin, Hold.ANY_SIGNAL)), NOW);

        assertEquals(List.of(new Hold(ActionKind.Resize, Hold.ANY_SIGNAL)), holds.stream().map(DecisionCycle.NewHold::hold).toList(),
                "a hold already in force is not placed twice");
    }
}
