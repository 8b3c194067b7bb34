package dev.sqo.promql;

import java.util.regex.Pattern;

/**
 * The value of a number token, read as Prometheus reads it: first as Go reads an integer literal (so {@code 0x1f}
 * is 31 and, surprisingly, {@code 010} is octal 8), else as Go reads a float ({@code 1.5}, {@code .5e3},
 * {@code Inf}, {@code NaN}), with Go's errors.
 */
final class NumberLiterals {

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[1-9][0-9]*|0");
    private static final Pattern OCTAL_INTEGER = Pattern.compile("0[0-7]+");
    private static final Pattern HEX_INTEGER = Pattern.compile("0[xX][0-9a-fA-F]+");
    /** Go's decimal float syntax, of which the lexer's numbers are a subset: no sign, no underscores. */
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private NumberLiterals() {
    }

    static double parse(String text) throws InvalidLiteralException {
        try {
            if (DECIMAL_INTEGER.matcher(text).matches()) {
                return Long.parseLong(text);
            }
            if (OCTAL_INTEGER.matcher(text).matches()) {
                return Long.parseLong(text.substring(1), 8);
            }
            if (HEX_INTEGER.matcher(text).matches()) {
                return Long.parseLong(text.substring(2), 16);
            }
        } catch (NumberFormatException outOfRange) {
            // Go then tries the text as a float, which succeeds for decimal digits only.
        }
        if (text.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (text.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (!DECIMAL_FLOAT.matcher(text).matches()) {
            throw failure(text, "invalid syntax");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw failure(text, "value out of range");
        }
        return value;
    }

    private static InvalidLiteralException failure(String text, String why) {
        return new InvalidLiteralException(
                "error parsing number: strconv.ParseFloat: parsing " + GoQuoting.quote(text) + ": " + why);
    }
}
