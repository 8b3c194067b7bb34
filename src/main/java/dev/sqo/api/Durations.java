package dev.sqo.api;

/** Patterns of the duration strings the API accepts. */
final class Durations {
    static final String LATENCY_PATTERN = "^[1-9][0-9]{0,5}(ms|s|m)$";
    static final String TIMEOUT_PATTERN = "^[1-9][0-9]{0,3}(ms|s|m)$";
    static final String PERIOD_PATTERN = "^[0-9]{1,6}(m|h|d|w)$";

    private Durations() {
    }
}
