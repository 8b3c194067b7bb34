package dev.sqo.metrics;

/** An SLI that cannot be measured as declared, e.g. a latency threshold that is not a histogram bucket bound. */
public class SliPlanException extends Exception {
    public SliPlanException(String message) {
        super(message);
    }
}
