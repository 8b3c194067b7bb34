package dev.sqo.promql;

/** A number, duration or regex Prometheus refuses, with its reason; the parser adds where it is. */
final class InvalidLiteralException extends Exception {

    InvalidLiteralException(String reason) {
        super(reason, null, false, false);
    }
}
