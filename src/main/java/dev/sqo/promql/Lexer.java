package dev.sqo.promql;

import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;

/**
 * Splits a query into tokens as Prometheus' lexer does ({@code promql/parser/lex.go}), including its errors and
 * their positions, and its quirks: keywords are case-insensitive, a letter inside {@code [...]} counts as the colon
 * of a subquery ({@code foo[5m x]} is {@code foo[5m:]}), and a range must start with a duration.
 *
 * <p>Tokens are read on demand: Prometheus reports a lexical error only when its parser reaches that token, after
 * any error found before it.
 */
final class Lexer {

    private static final int END_OF_INPUT = -1;
    private static final String DIGITS = "0123456789";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
            entry("and", TokenType.LAND), entry("or", TokenType.LOR), entry("unless", TokenType.LUNLESS),
            entry("atan2", TokenType.ATAN2),
            entry("sum", TokenType.SUM), entry("avg", TokenType.AVG), entry("count", TokenType.COUNT),
            entry("min", TokenType.MIN), entry("max", TokenType.MAX), entry("group", TokenType.GROUP),
            entry("stddev", TokenType.STDDEV), entry("stdvar", TokenType.STDVAR), entry("topk", TokenType.TOPK),
            entry("bottomk", TokenType.BOTTOMK), entry("count_values", TokenType.COUNT_VALUES),
            entry("quantile", TokenType.QUANTILE), entry("limitk", TokenType.LIMITK),
            entry("limit_ratio", TokenType.LIMIT_RATIO),
            entry("offset", TokenType.OFFSET), entry("by", TokenType.BY), entry("without", TokenType.WITHOUT),
            entry("on", TokenType.ON), entry("ignoring", TokenType.IGNORING),
            entry("group_left", TokenType.GROUP_LEFT), entry("group_right", TokenType.GROUP_RIGHT),
            entry("bool", TokenType.BOOL), entry("start", TokenType.START), entry("end", TokenType.END),
            entry("inf", TokenType.NUMBER), entry("nan", TokenType.NUMBER));

    private final String input;
    private int pos;
    /** Where the token being read starts, and where Prometheus places an error found while reading it. */
    private int start;
    /** Chars taken by the last code point read, so it can be put back; 0 at the end of the input. */
    private int width;

    /** Prometheus' lexer, not its parser, finds unbalanced parentheses and brackets. */
    private int parenDepth;
    private boolean bracketOpen;
    private boolean braceOpen;
    /** Whether the open bracket has had its colon: a second one is an error. */
    private boolean gotColon;
    /** Whether the next token follows {@code [}, and so must be a duration. */
    private boolean rangeStarts;

    Lexer(String input) {
        this.input = input;
    }

    Token next() throws PromQLSyntaxException {
        Token token;
        do {
            token = braceOpen ? insideBraces() : rangeStarts ? range() : statement();
        } while (token == null);
        return token;
    }

    /** The next token outside braces, or null for a comment or spaces. */
    private Token statement() throws PromQLSyntaxException {
        if (input.startsWith("#", pos)) {
            skipComment();
            return null;
        }
        start = pos;
        int r = read();
        if (r == END_OF_INPUT) {
            if (parenDepth != 0) {
                throw error("unclosed left parenthesis");
            }
            if (bracketOpen) {
                throw error("unclosed left bracket");
            }
            return token(TokenType.EOF);
        }
        if (isSpace(r)) {
            skipSpaces();
            return null;
        }
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
            backup();
            return numberOrDuration();
        }
        if (isAlpha(r) || r == ':') {
            if (!bracketOpen) {
                backup();
                return keywordOrIdentifier();
            }
            if (gotColon) {
                throw error("unexpected colon " + GoQuoting.quoteRune(r));
            }
            gotColon = true;
            return token(TokenType.COLON);
        }
        return switch (r) {
            case ',' -> token(TokenType.COMMA);
            case '*' -> token(TokenType.MUL);
            case '/' -> token(TokenType.DIV);
            case '%' -> token(TokenType.MOD);
            case '+' -> token(TokenType.ADD);
            case '-' -> token(TokenType.SUB);
            case '^' -> token(TokenType.POW);
            case '@' -> token(TokenType.AT);
            case '=' -> equals();
            case '!' -> notEquals();
            case '<' -> token(accept("=") ? TokenType.LTE : TokenType.LSS);
            case '>' -> token(accept("=") ? TokenType.GTE : TokenType.GTR);
            case '"', '\'' -> quotedString(r);
            case '`' -> rawString();
            case '(' -> {
                parenDepth++;
                yield token(TokenType.LEFT_PAREN);
            }
            case ')' -> rightParen();
            case '{' -> {
                braceOpen = true;
                yield token(TokenType.LEFT_BRACE);
            }
            case '[' -> leftBracket();
            case ']' -> {
                if (!bracketOpen) {
                    throw error("unexpected right bracket " + GoQuoting.quoteRune(r));
                }
                bracketOpen = false;
                yield token(TokenType.RIGHT_BRACKET);
            }
            default -> throw error("unexpected character: " + GoQuoting.quoteRune(r));
        };
    }

    private Token equals() throws PromQLSyntaxException {
        int t = peek();
        if (t == '=') {
            read();
            return token(TokenType.EQLC);
        }
        if (t == '~') {
            throw error("unexpected character after '=': " + GoQuoting.quoteRune(t));
        }
        return token(TokenType.EQL);
    }

    private Token notEquals() throws PromQLSyntaxException {
        int t = read();
        if (t != '=') {
            throw error("unexpected character after '!': " + GoQuoting.quoteRune(t));
        }
        return token(TokenType.NEQ);
    }

    private Token rightParen() throws PromQLSyntaxException {
        if (--parenDepth < 0) {
            // Prometheus has already moved past the parenthesis when it finds it unbalanced.
            start = pos;
            throw error("unexpected right parenthesis " + GoQuoting.quoteRune(')'));
        }
        return token(TokenType.RIGHT_PAREN);
    }

    private Token leftBracket() throws PromQLSyntaxException {
        if (bracketOpen) {
            throw error("unexpected left bracket " + GoQuoting.quoteRune('['));
        }
        gotColon = false;
        bracketOpen = true;
        rangeStarts = true;
        return token(TokenType.LEFT_BRACKET);
    }

    /** The duration that must open a range or subquery, after the spaces that may follow {@code [}. */
    private Token range() throws PromQLSyntaxException {
        rangeStarts = false;
        while (isSpace(peek())) {
            read();
        }
        start = pos;
        if (scanNumber()) {
            throw error("missing unit character in duration");
        }
        if (!acceptRemainingDuration()) {
            throw error("bad duration syntax: " + GoQuoting.quote(input.substring(start, pos)));
        }
        backup();
        return token(TokenType.DURATION);
    }

    /** The next token inside {@code {...}}, where keywords are plain label names; null for a comment or spaces. */
    private Token insideBraces() throws PromQLSyntaxException {
        if (input.startsWith("#", pos)) {
            skipComment();
            return null;
        }
        start = pos;
        int r = read();
        if (r == END_OF_INPUT) {
            throw error("unexpected end of input inside braces");
        }
        if (isSpace(r)) {
            skipSpaces();
            return null;
        }
        if (isAlpha(r)) {
            while (isAlphaNumeric(read())) {
                // The label name runs to the first other character, which is put back below.
            }
            backup();
            return token(TokenType.IDENTIFIER);
        }
        return switch (r) {
            case ',' -> token(TokenType.COMMA);
            case '"', '\'' -> quotedString(r);
            case '`' -> rawString();
            case '=' -> token(accept("~") ? TokenType.EQL_REGEX : TokenType.EQL);
            case '!' -> {
                int next = read();
                if (next == '~') {
                    yield token(TokenType.NEQ_REGEX);
                }
                if (next == '=') {
                    yield token(TokenType.NEQ);
                }
                throw error("unexpected character after '!' inside braces: " + GoQuoting.quoteRune(next));
            }
            case '{' -> throw error("unexpected left brace " + GoQuoting.quoteRune(r));
            case '}' -> {
                braceOpen = false;
                yield token(TokenType.RIGHT_BRACE);
            }
            default -> throw error("unexpected character inside braces: " + GoQuoting.quoteRune(r));
        };
    }

    private Token numberOrDuration() throws PromQLSyntaxException {
        if (scanNumber()) {
            return token(TokenType.NUMBER);
        }
        if (acceptRemainingDuration()) {
            backup();
            return token(TokenType.DURATION);
        }
        throw error("bad number or duration syntax: " + GoQuoting.quote(input.substring(start, pos)));
    }

    /**
     * Reads what may be a number, and tells whether it ends where a number may; what it read need not be a valid
     * number (the parser checks), and may be the start of a duration ({@code 5m}, {@code 1.5m}).
     */
    private boolean scanNumber() {
        String digits = DIGITS;
        if (accept("0") && accept("xX")) {
            digits = HEX_DIGITS;
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun(DIGITS);
        }
        return !isAlphaNumeric(peek());
    }

    /** Reads the units and further numbers of a duration after its first number; consumes one character more. */
    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept(DIGITS)) {
            acceptRun(DIGITS);
            // A year can only come first, so y is not among the later units.
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(read());
    }

    private Token keywordOrIdentifier() {
        int r;
        do {
            r = read();
        } while (isAlphaNumeric(r) || r == ':');
        backup();
        String word = input.substring(start, pos);
        TokenType keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (keyword != null) {
            return token(keyword);
        }
        return token(word.indexOf(':') < 0 ? TokenType.IDENTIFIER : TokenType.METRIC_IDENTIFIER);
    }

    private Token quotedString(int quote) throws PromQLSyntaxException {
        while (true) {
            int c = read();
            if (c == '\\') {
                escape(quote);
            } else if (isUtf8Error(c)) {
                throw error("invalid UTF-8 rune");
            } else if (c == END_OF_INPUT || c == '\n') {
                throw error("unterminated quoted string");
            } else if (c == quote) {
                return token(TokenType.STRING);
            }
        }
    }

    /** Checks an escape sequence, the backslash read: Go's escapes, with the string's own quote. */
    private void escape(int quote) throws PromQLSyntaxException {
        int c = read();
        if (c == quote || (c != END_OF_INPUT && "abfnrtv\\".indexOf(c) >= 0)) {
            return;
        }
        int digits;
        int base;
        long max;
        switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                c = read();
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                c = read();
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                c = read();
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case END_OF_INPUT -> throw error("escape sequence not terminated");
            default -> throw error("unknown escape sequence " + GoQuoting.unicode(c));
        }
        long value = 0;
        while (digits > 0) {
            int digit = hexValue(c);
            if (digit >= base) {
                if (c == END_OF_INPUT) {
                    throw error("escape sequence not terminated");
                }
                throw error("illegal character " + GoQuoting.unicode(c) + " in escape sequence");
            }
            value = value * base + digit;
            if (--digits > 0) {
                c = read();
            }
        }
        if (value > max || (value >= 0xD800 && value < 0xE000)) {
            throw error("escape sequence is an invalid Unicode code point");
        }
    }

    /** The value of an ASCII hex digit; 16, more than any digit's, for anything else. */
    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return 16;
    }

    private Token rawString() throws PromQLSyntaxException {
        while (true) {
            int c = read();
            if (isUtf8Error(c)) {
                throw error("invalid UTF-8 rune");
            }
            if (c == END_OF_INPUT) {
                throw error("unterminated raw string");
            }
            if (c == '`') {
                return token(TokenType.STRING);
            }
        }
    }

    private void skipComment() {
        while (pos < input.length() && input.charAt(pos) != '\n' && input.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipSpaces() {
        while (isSpace(peek())) {
            read();
        }
    }

    private Token token(TokenType type) {
        Token token = new Token(type, input.substring(start, pos), start);
        start = pos;
        return token;
    }

    private PromQLSyntaxException error(String reason) {
        return new PromQLSyntaxException(input, new PositionRange(start, input.length()), reason);
    }

    private int read() {
        if (pos >= input.length()) {
            width = 0;
            return END_OF_INPUT;
        }
        int c = input.codePointAt(pos);
        width = Character.charCount(c);
        pos += width;
        return c;
    }

    private void backup() {
        pos -= width;
    }

    private int peek() {
        int c = read();
        backup();
        return c;
    }

    private boolean accept(String valid) {
        int c = read();
        if (c != END_OF_INPUT && valid.indexOf(c) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // Each call takes one more character of the run.
        }
    }

    /**
     * What Go decodes as utf8.RuneError: U+FFFD itself, and (a Java string's equivalent of invalid UTF-8) a lone
     * surrogate.
     */
    private static boolean isUtf8Error(int c) {
        return c == 0xFFFD || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlphaNumeric(int c) {
        return isAlpha(c) || isDigit(c);
    }
}
