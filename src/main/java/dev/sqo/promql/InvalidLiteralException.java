package dev.sqo.promql;

/** A number or duration Prometheus refuses; the parser adds where it is. */
final class InvalidLiteralException extends Exception {

    InvalidLiteralException(String reason) {
        super(reason, null, false, false);
    }
}
