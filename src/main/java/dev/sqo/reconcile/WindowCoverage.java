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

    /** E.g. "1d4h of the 30d window not read whole: ...". */
    static String describe(ObjectiveEvaluation e, Duration window) {
        return PromDuration.format(e.unread()) + " of the " + PromDuration.format(window) + " window not read whole: "
                + "Prometheus answered for it only partially (with warnings), so sqo reads it again and the numbers "
                + "cover the rest";
    }
}
