package dev.sqo.promql;

import java.nio.charset.StandardCharsets;

/**
 * Go's quoting of strings and runes ({@code %q}, {@code %#U}), which Prometheus' messages use; a message that
 * quotes differently would not be Prometheus' message.
 */
final class GoQuoting {

    private GoQuoting() {
    }

    /** {@code %q} of a string: strconv.Quote. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> appendEscaped(out, c, '"'));
        return out.append('"').toString();
    }

    /**
     * How Prometheus shows a token: quoted, or when longer than ten bytes ({@code %.10q...}) its first ten runes
     * quoted and an ellipsis, even when those are all of it.
     */
    static String quoteShortened(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= 10) {
            return quote(s);
        }
        int runes = Math.min(10, s.codePointCount(0, s.length()));
        return quote(s.substring(0, s.offsetByCodePoints(0, runes))) + "...";
    }

    /** {@code %q} of a rune: strconv.QuoteRune; a negative rune (Go's end of input) prints as U+FFFD. */
    static String quoteRune(int rune) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, rune < 0 || rune > Character.MAX_CODE_POINT ? 0xFFFD : rune, '\'');
        return out.append('\'').toString();
    }

    /** {@code %#U}: {@code U+0063 'c'}, without the quoted rune when it is not printable. */
    static String unicode(int rune) {
        String code = String.format("U+%04X", rune);
        return isPrint(rune) ? code + " '" + new String(Character.toChars(rune)) + "'" : code;
    }

    private static void appendEscaped(StringBuilder out, int c, char quote) {
        if (c == quote || c == '\\') {
            out.append('\\').appendCodePoint(c);
        } else if (isPrint(c)) {
            out.appendCodePoint(c);
        } else {
            switch (c) {
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c < ' ' || c == 0x7F) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c < 0x10000) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
