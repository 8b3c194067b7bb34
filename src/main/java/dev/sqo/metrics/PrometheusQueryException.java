package dev.sqo.metrics;

/**
 * A query that did not give a result. The message names the endpoint and the query, never a response body or a
 * credential: the body comes from a server a tenant may have chosen.
 */
public class PrometheusQueryException extends Exception {

    public PrometheusQueryException(String message) {
        super(message);
    }

    public PrometheusQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
