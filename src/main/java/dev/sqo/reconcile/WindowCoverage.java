package dev.sqo.reconcile;

import dev.sqo.slo.ObjectiveEvaluation;
import dev.sqo.slo.PromDuration;

import java.time.Duration;

/** How much of an objective's window sqo has read whole, as the status and the refusals say it. */
final class WindowCoverage {

    private WindowCoverage() {
    }

    /** Percent of the window read, rounded down so that a window not fully read never shows 100. */
    static double percent(ObjectiveEvaluation e, Duration window) {
        double read = 1.0 - (double) e.unread().toSeconds() / window.toSeconds();
        return Math.floor(Math.max(0, read) * 1000) / 10;
    }

    /** E.g. "read 28d4h of the 30d window: ...". */
    static String describe(ObjectiveEvaluation e, Duration window) {
        return "read " + PromDuration.format(window.minus(e.unread())) + " of the " + PromDuration.format(window)
                + " window: Prometheus gave the rest only partially (an answer with warnings), so sqo reads it again "
                + "and the numbers cover the part read";
    }
}
