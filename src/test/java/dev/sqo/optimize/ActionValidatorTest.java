package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.sqo.optimize.ActionValidator.Verdict.EFFECTIVE;
import static dev.sqo.optimize.ActionValidator.Verdict.INEFFECTIVE;
import static dev.sqo.optimize.ActionValidator.Verdict.NOT_APPLICABLE;
import static dev.sqo.optimize.ActionValidator.Verdict.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActionValidatorTest {

    private static final Instant ACTED = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant AFTER = ACTED.plus(WINDOW);

    private static ActionValidator.Verdict verdict(boolean relief, Double before, Double now, boolean firing, Instant at) {
        return ActionValidator.validate(relief, "latency:p99", before, now, firing, ACTED, WINDOW, at).verdict();
    }

    @Test
    void waitsForTheValidationWindow() {
        assertEquals(PENDING, verdict(true, 800.0, 900.0, true, AFTER.minusSeconds(1)));
    }

    @Test
    void effectiveWhenTheSignalStopsFiringOrDropsByATenth() {
        assertEquals(EFFECTIVE, verdict(true, 800.0, 450.0, false, AFTER));
        assertEquals(EFFECTIVE, verdict(true, 800.0, 720.0, true, AFTER));
    }

    @Test
    void ineffectiveWhenTheSignalStillFiresUnimproved() {
        assertEquals(INEFFECTIVE, verdict(true, 800.0, 750.0, true, AFTER));
        assertEquals(INEFFECTIVE, verdict(true, 800.0, 950.0, true, AFTER));
    }

    @Test
    void silenceIsNotRecovery() {
        assertEquals(PENDING, verdict(true, 800.0, null, false, AFTER));
    }

    @Test
    void actionsThatRelievedNothingAreNotJudged() {
        assertEquals(NOT_APPLICABLE, verdict(false, 15.0, 40.0, false, AFTER));
    }

    /** The page alert's hour-long window lags; a burn-driven action is judged by the 5-minute burn instead. */
    @Test
    void aBurnDrivenActionIsEffectiveWhenTheShortWindowBurnFalls() {
        ActionValidator.Validation fell = ActionValidator.validate(true, "burn", 262.0, 30.0, true, ACTED, WINDOW, AFTER);
        assertEquals(EFFECTIVE, fell.verdict());
        assertEquals("burn went from 262x over 5m to 30x over 5m", fell.message());
        assertEquals(INEFFECTIVE, ActionValidator.validate(true, "burn", 262.0, 250.0, true, ACTED, WINDOW, AFTER).verdict());
    }
}
