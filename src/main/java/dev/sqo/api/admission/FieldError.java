package dev.sqo.api.admission;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One reason the API server would refuse an object, worded as it words it: the field's path (spec.objectives[0].ratio)
 * and the message after it.
 */
public record FieldError(String path, Type type, String message) {

    /** The kinds of error the API server tells apart; some stop it from running the CEL rules at all. */
    public enum Type {
        REQUIRED, NOT_SUPPORTED, TOO_LONG, TOO_MANY, TYPE_INVALID, INVALID, UNKNOWN_FIELD, RULE_ERROR;

        /** As the API server's customresource strategy: the object lacks the shape its CEL rules were written for. */
        boolean blocksRules() {
            return this == REQUIRED || this == NOT_SUPPORTED || this == TOO_LONG || this == TOO_MANY || this == TYPE_INVALID;
        }
    }

    /** As the API server words a value it refuses: {@code Invalid value: "1h30m": <reason>}. */
    public static FieldError invalid(String path, String value, String reason) {
        return new FieldError(path, Type.INVALID, "Invalid value: " + quote(value) + ": " + reason);
    }

    static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
