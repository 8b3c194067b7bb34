package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static ScalingGuard.Context ctx(AlertLevel alert, Double remaining, boolean failed, Instant lastAction) {
        return new ScalingGuard.Context(5, 2, 10, ScalingGuard.triggerScaleInBlocker(failed, alert, remaining, 0.1), lastAction,
                Duration.ofMinutes(5), true, NOW);
    }

    @Test
    void scalesOutWithinBounds() {
        ScalingGuard.Decision d = ScalingGuard.decide(40, ctx(AlertLevel.PAGE, 0.5, false, null));
        assertTrue(d.act());
        assertEquals(10, d.replicas());
        assertEquals("scale out from 5 to 10 (proposal 40 kept within 2..10)", d.reason());
    }

    @Test
    void scalesInWhenEverythingIsCalm() {
        ScalingGuard.Decision d = ScalingGuard.decide(1, ctx(AlertLevel.NONE, 0.5, false, null));
        assertTrue(d.act());
        assertEquals(2, d.replicas());
    }

    @Test
    void neverScalesInOnMissingData() {
        ScalingGuard.Decision d = ScalingGuard.decide(3, ctx(AlertLevel.NONE, 0.5, true, null));
        assertFalse(d.act());
        assertEquals(5, d.replicas());
        assertEquals("scale-in to 3 refused: a signal has missing data", d.reason());
    }

    @Test
    void neverScalesInWhileTheBudgetBurns() {
        assertEquals("scale-in to 3 refused: the error budget is burning (Ticket)",
                ScalingGuard.decide(3, ctx(AlertLevel.TICKET, 0.5, false, null)).reason());
    }

    @Test
    void neverScalesInBelowTheBudgetFloorOrWithoutBudgetData() {
        assertEquals("scale-in to 3 refused: remaining error budget 5% is below the floor of 10%",
                ScalingGuard.decide(3, ctx(AlertLevel.NONE, 0.05, false, null)).reason());
        assertFalse(ScalingGuard.decide(3, ctx(AlertLevel.NONE, null, false, null)).act());
        // NaN < floor is false: a budget that is not a number must not let a scale-in through.
        assertEquals("scale-in to 3 refused: remaining error budget unknown is below the floor of 10%",
                ScalingGuard.decide(3, ctx(AlertLevel.NONE, Double.NaN, false, null)).reason());
    }

    @Test
    void cooldownHoldsTheNextAction() {
        ScalingGuard.Decision d = ScalingGuard.decide(8, ctx(AlertLevel.NONE, 0.5, false, NOW.minusSeconds(60)));
        assertFalse(d.act());
        assertTrue(d.reason().contains("cooling down until 2026-11-22T12:04:00Z"), d.reason());
        assertTrue(ScalingGuard.decide(8, ctx(AlertLevel.NONE, 0.5, false, NOW.minusSeconds(301))).act());
    }

    @Test
    void theObjectiveControlsScaleOutsDoNotWaitForTheCooldownItsScaleInsDo() {
        ScalingGuard.Context justActed = new ScalingGuard.Context(5, 2, 10, null, NOW.minusSeconds(60), Duration.ofMinutes(5), false, NOW);
        assertTrue(ScalingGuard.decide(8, justActed).act());
        assertFalse(ScalingGuard.decide(3, justActed).act());
    }

    @Test
    void noChangeIsNoAction() {
        assertFalse(ScalingGuard.decide(5, ctx(AlertLevel.NONE, 0.5, false, null)).act());
    }
}
