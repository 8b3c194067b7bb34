package dev.sqo.promql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The value of a string token the lexer has checked: raw between backquotes, else with Go's escapes resolved.
 * As in Go, {@code \xNN} and octal escapes give bytes, not characters: {@code "\xc3\xa4"} is "ä".
 */
final class StringLiterals {

    private StringLiterals() {
    }

    static String unquote(String token) {
        String body = token.substring(1, token.length() - 1);
        if (token.charAt(0) == '`' || body.indexOf('\\') < 0) {
            return body;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            char kind = body.charAt(i + 1);
            i += 2;
            switch (kind) {
                case 'a' -> bytes.write(0x07);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0B);
                case 'x' -> {
                    bytes.write(Integer.parseInt(body.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int digits = kind == 'u' ? 4 : 8;
                    int codePoint = Integer.parseInt(body.substring(i, i + digits), 16);
                    bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    i += digits;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    bytes.write(Integer.parseInt(body.substring(i - 1, i + 2), 8));
                    i += 2;
                }
                default -> bytes.write(kind);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
