package dev.sqo.metrics;

/** A Prometheus override the operator will not use: not allowlisted, or its Secret is missing. */
public class EndpointRefusedException extends Exception {

    private final String reason;

    public EndpointRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** CamelCase reason for a condition. */
    public String reason() {
        return reason;
    }
}
