package dev.sqo.promql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a regular expression as Go's regexp/syntax does with Perl flags, the RE2 syntax Prometheus compiles label
 * matchers with: it refuses what RE2 refuses (backreferences, lookaround, possessive quantifiers, {@code \Z}), with
 * Go's messages, and tells whether the expression matches the empty string.
 *
 * <p>java.util.regex would not do: it accepts those constructs, refuses some RE2 accepts ({@code x{,3}} is literal
 * text to RE2), and words its errors differently. No regex is compiled: Prometheus only needs the syntax checked
 * and the empty string tried. Unicode classes are checked against Java's Unicode tables, close to Go's.
 */
final class Re2Syntax {

    /** RE2's limit on a counted repetition, and on the product of nested ones. */
    private static final int MAX_REPEAT = 1000;

    private static final Set<String> CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
            "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",
            "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");
    private static final Set<String> POSIX_CLASSES = Set.of("alnum", "alpha", "ascii", "blank", "cntrl", "digit",
            "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit");

    private static final Piece CHARACTER = new Piece(false, 1);
    private static final Piece EMPTY_WIDTH = new Piece(true, 1);

    private final String pattern;
    private int pos;
    /** Where a search found no {@code :]} to end a POSIX class: searching again from later would be quadratic. */
    private int noPosixClassEndAfter = Integer.MAX_VALUE;
    private final Deque<Group> groups = new ArrayDeque<>();

    private Re2Syntax(String pattern) {
        this.pattern = pattern;
        groups.push(new Group());
    }

    /**
     * Go's error for a matcher's regex, if Prometheus refuses it. Prometheus compiles {@code ^(?:regex)$}, then
     * parses the regex alone: {@code a)|(b} passes the first and fails the second.
     */
    static Optional<String> error(String regex) {
        try {
            new Re2Syntax("^(?:" + regex + ")$").parse();
            new Re2Syntax(regex).parse();
            return Optional.empty();
        } catch (InvalidLiteralException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether a regex Prometheus accepts matches the whole of the empty string. */
    static boolean matchesEmpty(String regex) {
        try {
            return new Re2Syntax(regex).parse().matchesEmpty();
        } catch (InvalidLiteralException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * What a parsed piece tells: whether it can match the empty string, and the largest product of counted
     * repetitions nested in it.
     */
    private record Piece(boolean matchesEmpty, int repeats) {
    }

    /** An open group: its finished alternatives and the concatenation being read. */
    private static final class Group {
        private boolean anyAlternativeMatchesEmpty;
        private int alternativesRepeats = 1;
        private boolean earlierPiecesMatchEmpty = true;
        private int earlierPiecesRepeats = 1;
        /** The piece a repetition operator would apply to; null at the start of an alternative. */
        private Piece last;

        void add(Piece piece) {
            if (last != null) {
                earlierPiecesMatchEmpty &= last.matchesEmpty();
                earlierPiecesRepeats = Math.max(earlierPiecesRepeats, last.repeats());
            }
            last = piece;
        }

        void endAlternative() {
            // Adding a neutral piece folds the last one into the others.
            add(EMPTY_WIDTH);
            anyAlternativeMatchesEmpty |= earlierPiecesMatchEmpty;
            alternativesRepeats = Math.max(alternativesRepeats, earlierPiecesRepeats);
            earlierPiecesMatchEmpty = true;
            earlierPiecesRepeats = 1;
            last = null;
        }

        Piece close() {
            endAlternative();
            return new Piece(anyAlternativeMatchesEmpty, alternativesRepeats);
        }
    }

    private Piece parse() throws InvalidLiteralException {
        // Where the repetition operator just before starts, or -1: RE2 refuses one right after another (a**).
        int lastRepeat = -1;
        while (pos < pattern.length()) {
            int repeat = -1;
            char c = pattern.charAt(pos);
            switch (c) {
                case '(' -> openGroup();
                case '|' -> {
                    pos++;
                    groups.peek().endAlternative();
                }
                case ')' -> {
                    if (groups.size() == 1) {
                        throw failure("unexpected )", pattern);
                    }
                    pos++;
                    Piece group = groups.pop().close();
                    groups.peek().add(group);
                }
                case '^', '$' -> {
                    pos++;
                    groups.peek().add(EMPTY_WIDTH);
                }
                case '*', '+', '?' -> {
                    repeat = pos++;
                    repetition(repeat, lastRepeat, c == '+' ? 1 : 0, c == '?' ? 1 : -1, false);
                }
                case '{' -> {
                    repeat = pos;
                    if (!countedRepetition(lastRepeat)) {
                        repeat = -1;
                        pos++;
                        groups.peek().add(CHARACTER);
                    }
                }
                case '[' -> {
                    characterClass();
                    groups.peek().add(CHARACTER);
                }
                case '\\' -> escapeOutsideClass();
                default -> {
                    pos += Character.charCount(pattern.codePointAt(pos));
                    groups.peek().add(CHARACTER);
                }
            }
            lastRepeat = repeat;
        }
        if (groups.size() > 1) {
            throw failure("missing closing )", pattern);
        }
        return groups.pop().close();
    }

    /** {@code (}, {@code (?:}, {@code (?P<name>}, or a flag setting such as {@code (?i)}, which opens no group. */
    private void openGroup() throws InvalidLiteralException {
        int start = pos;
        if (!pattern.startsWith("(?", start)) {
            pos++;
            groups.push(new Group());
            return;
        }
        if (pattern.length() - start > 4 && pattern.startsWith("(?P<", start)) {
            int end = pattern.indexOf('>', start);
            if (end < 0) {
                throw failure("invalid named capture", pattern.substring(start));
            }
            String name = pattern.substring(start + 4, end);
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || isAlphanumeric(ch))) {
                throw failure("invalid named capture", pattern.substring(start, end + 1));
            }
            pos = end + 1;
            groups.push(new Group());
            return;
        }
        int i = start + 2;
        boolean negated = false;
        boolean sawFlag = false;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
                sawFlag = true;
            } else if (c == '-' && !negated) {
                negated = true;
                sawFlag = false;
            } else if ((c == ':' || c == ')') && (sawFlag || !negated)) {
                pos = i;
                if (c == ':') {
                    groups.push(new Group());
                }
                return;
            } else {
                break;
            }
        }
        throw failure("invalid or unsupported Perl syntax", pattern.substring(start, i));
    }

    /**
     * Applies a repetition to the last piece, {@code pos} just past its operator.
     *
     * @param operator   where the operator starts
     * @param lastRepeat where the repetition operator just before starts, or -1: RE2 refuses {@code a**}
     * @param max        the most repetitions, -1 for unbounded
     */
    private void repetition(int operator, int lastRepeat, int min, int max, boolean counted)
            throws InvalidLiteralException {
        if (pos < pattern.length() && pattern.charAt(pos) == '?') {
            pos++;
        }
        if (lastRepeat >= 0) {
            throw failure("invalid nested repetition operator", pattern.substring(lastRepeat, pos));
        }
        Group group = groups.peek();
        if (group.last == null) {
            throw failure("missing argument to repetition operator", pattern.substring(operator, pos));
        }
        Piece repeated = group.last;
        int repeats = repeated.repeats();
        if (counted) {
            // As RE2 counts: x{0} ignores what it repeats; x{n,} counts n.
            int count = max >= 0 ? max : min;
            repeats = max == 0 ? 1 : Math.max(count, 1) * repeats;
            if ((min >= 2 || max >= 2) && repeats > MAX_REPEAT) {
                throw failure("invalid repeat count", pattern.substring(operator, pos));
            }
        }
        group.last = new Piece(min == 0 || repeated.matchesEmpty(), repeats);
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}}; false, with nothing read, when the brace is a literal. */
    private boolean countedRepetition(int lastRepeat) throws InvalidLiteralException {
        int start = pos;
        int i = start + 1;
        int digitsEnd = digitsEnd(i);
        if (digitsEnd < 0) {
            return false;
        }
        long min = count(i, digitsEnd);
        long max = min;
        i = digitsEnd;
        if (i < pattern.length() && pattern.charAt(i) == ',') {
            i++;
            if (i < pattern.length() && pattern.charAt(i) == '}') {
                max = -1;
            } else {
                digitsEnd = digitsEnd(i);
                if (digitsEnd < 0) {
                    return false;
                }
                max = count(i, digitsEnd);
                i = digitsEnd;
            }
        }
        if (i >= pattern.length() || pattern.charAt(i) != '}') {
            return false;
        }
        pos = i + 1;
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            throw failure("invalid repeat count", pattern.substring(start, pos));
        }
        repetition(start, lastRepeat, (int) min, (int) max, true);
        return true;
    }

    /** Where the decimal number at {@code i} ends; -1 if there is none, or it has a leading zero as RE2 refuses. */
    private int digitsEnd(int i) {
        int end = i;
        while (end < pattern.length() && isDigit(pattern.charAt(end))) {
            end++;
        }
        if (end == i || (end - i > 1 && pattern.charAt(i) == '0')) {
            return -1;
        }
        return end;
    }

    /** The number's value, capped past any limit so that long numbers do not overflow. */
    private long count(int from, int to) {
        long value = 0;
        for (int i = from; i < to && value <= MAX_REPEAT; i++) {
            value = value * 10 + pattern.charAt(i) - '0';
        }
        return value;
    }

    private void escapeOutsideClass() throws InvalidLiteralException {
        Group group = groups.peek();
        if (pos + 1 < pattern.length()) {
            switch (pattern.charAt(pos + 1)) {
                case 'A', 'z', 'B' -> {
                    pos += 2;
                    group.add(EMPTY_WIDTH);
                    return;
                }
                case 'b' -> {
                    // A word boundary needs a word character on one side, which the empty string has not.
                    pos += 2;
                    group.add(CHARACTER);
                    return;
                }
                case 'C' -> throw failure("invalid escape sequence", pattern.substring(pos, pos + 2));
                case 'Q' -> {
                    int end = pattern.indexOf("\\E", pos + 2);
                    int literalEnd = end < 0 ? pattern.length() : end;
                    pattern.substring(pos + 2, literalEnd).codePoints().forEach(ch -> group.add(CHARACTER));
                    pos = end < 0 ? literalEnd : end + 2;
                    return;
                }
                default -> {
                    // Any other escape is a class or a character.
                }
            }
        }
        if (isUnicodeClass(pos)) {
            pos = unicodeClassEnd(pos);
        } else if (isPerlClass(pos)) {
            pos += 2;
        } else {
            pos = escapeEnd(pos);
        }
        group.add(CHARACTER);
    }

    private void characterClass() throws InvalidLiteralException {
        int start = pos;
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        boolean first = true;
        while (i >= pattern.length() || pattern.charAt(i) != ']' || first) {
            first = false;
            if (pattern.length() - i > 2 && pattern.startsWith("[:", i) && i < noPosixClassEndAfter) {
                int end = pattern.indexOf(":]", i + 2);
                if (end < 0) {
                    noPosixClassEndAfter = i;
                } else {
                    String name = pattern.substring(i, end + 2);
                    String className = name.substring(2, name.length() - 2);
                    if (!POSIX_CLASSES.contains(className.startsWith("^") ? className.substring(1) : className)) {
                        throw failure("invalid character class range", name);
                    }
                    i = end + 2;
                    continue;
                }
            }
            if (isUnicodeClass(i)) {
                i = unicodeClassEnd(i);
                continue;
            }
            if (isPerlClass(i)) {
                i += 2;
                continue;
            }
            int rangeStart = i;
            int lo = classCharacter(i, start);
            i = afterClassCharacter(i, start);
            if (pattern.length() - i >= 2 && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                i++;
                int hi = classCharacter(i, start);
                i = afterClassCharacter(i, start);
                if (hi < lo) {
                    throw failure("invalid character class range", pattern.substring(rangeStart, i));
                }
            }
        }
        pos = i + 1;
    }

    private int classCharacter(int i, int classStart) throws InvalidLiteralException {
        if (i >= pattern.length()) {
            throw failure("missing closing ]", pattern.substring(classStart));
        }
        return pattern.charAt(i) == '\\' ? escapedCharacter(i) : pattern.codePointAt(i);
    }

    private int afterClassCharacter(int i, int classStart) throws InvalidLiteralException {
        if (i >= pattern.length()) {
            throw failure("missing closing ]", pattern.substring(classStart));
        }
        return pattern.charAt(i) == '\\' ? escapeEnd(i) : i + Character.charCount(pattern.codePointAt(i));
    }

    private boolean isUnicodeClass(int i) {
        return i + 1 < pattern.length() && pattern.charAt(i) == '\\'
                && (pattern.charAt(i + 1) == 'p' || pattern.charAt(i + 1) == 'P');
    }

    /** Checks {@code \pL}, {@code \p{Greek}} or {@code \P{^Greek}} at {@code i}, and returns where it ends. */
    private int unicodeClassEnd(int i) throws InvalidLiteralException {
        int nameStart = i + 2;
        int end;
        String name;
        if (nameStart < pattern.length() && pattern.charAt(nameStart) == '{') {
            int close = pattern.indexOf('}', i);
            if (close < 0) {
                throw failure("invalid character class range", pattern.substring(i));
            }
            name = pattern.substring(nameStart + 1, close);
            end = close + 1;
        } else {
            end = nameStart < pattern.length()
                    ? nameStart + Character.charCount(pattern.codePointAt(nameStart))
                    : nameStart;
            name = pattern.substring(nameStart, end);
        }
        String unsigned = name.startsWith("^") ? name.substring(1) : name;
        if (!unsigned.equals("Any") && !CATEGORIES.contains(unsigned) && !isScript(unsigned)) {
            throw failure("invalid character class range", pattern.substring(i, end));
        }
        return end;
    }

    /** Whether Go names a script so: its Unicode name, as {@code Old_Italic}; Java spells it OLD_ITALIC. */
    private static boolean isScript(String name) {
        if (name.equals("SignWriting")) {
            return true;
        }
        try {
            Character.UnicodeScript script = Character.UnicodeScript.valueOf(name.toUpperCase(Locale.ROOT));
            return script != Character.UnicodeScript.UNKNOWN && script != Character.UnicodeScript.SIGNWRITING
                    && name.equals(titleCase(script.name()));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static String titleCase(String enumName) {
        StringBuilder out = new StringBuilder();
        for (String word : enumName.split("_")) {
            if (!out.isEmpty()) {
                out.append('_');
            }
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    private boolean isPerlClass(int i) {
        return i + 1 < pattern.length() && pattern.charAt(i) == '\\' && "dDsSwW".indexOf(pattern.charAt(i + 1)) >= 0;
    }

    /** The character an escape at {@code i} stands for; the escape must be valid (see {@link #escapeEnd}). */
    private int escapedCharacter(int i) throws InvalidLiteralException {
        int end = escapeEnd(i);
        int c = pattern.codePointAt(i + 1);
        return switch (c) {
            case 'a' -> 0x07;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case '0', '1', '2', '3', '4', '5', '6', '7' -> Integer.parseInt(pattern.substring(i + 1, end), 8);
            case 'x' -> pattern.charAt(i + 2) == '{'
                    ? Integer.parseInt(pattern.substring(i + 3, end - 1), 16)
                    : Integer.parseInt(pattern.substring(i + 2, end), 16);
            default -> c;
        };
    }

    /** Checks the single-character escape at {@code i} and returns where it ends. */
    private int escapeEnd(int i) throws InvalidLiteralException {
        int t = i + 1;
        if (t >= pattern.length()) {
            throw failure("trailing backslash at end of expression", "");
        }
        int c = pattern.codePointAt(t);
        t += Character.charCount(c);
        if (c < 0x80 && !isAlphanumeric(c)) {
            // Punctuation escapes itself; RE2 gives letters and digits meanings, or refuses them.
            return t;
        }
        switch (c) {
            case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                // A lone non-zero digit would be a backreference, which RE2 has not.
                if (c != '0' && (t >= pattern.length() || !isOctal(pattern.charAt(t)))) {
                    throw failure("invalid escape sequence", pattern.substring(i, t));
                }
                for (int digits = 1; digits < 3 && t < pattern.length() && isOctal(pattern.charAt(t)); digits++) {
                    t++;
                }
                return t;
            }
            case 'x' -> {
                return hexEscapeEnd(i, t);
            }
            case 'a', 'f', 'n', 'r', 't', 'v' -> {
                return t;
            }
            default -> throw failure("invalid escape sequence", pattern.substring(i, t));
        }
    }

    /** {@code \xNN} or {@code \x{N...}}, {@code t} just past the x. */
    private int hexEscapeEnd(int i, int t) throws InvalidLiteralException {
        if (t >= pattern.length()) {
            throw failure("invalid escape sequence", pattern.substring(i, t));
        }
        int c = pattern.codePointAt(t);
        t += Character.charCount(c);
        if (c == '{') {
            int digits = 0;
            long value = 0;
            while (true) {
                if (t >= pattern.length()) {
                    throw failure("invalid escape sequence", pattern.substring(i, t));
                }
                c = pattern.codePointAt(t);
                t += Character.charCount(c);
                if (c == '}') {
                    break;
                }
                int digit = Character.digit(c, 16);
                if (c >= 0x80 || digit < 0 || (value = value * 16 + digit) > Character.MAX_CODE_POINT) {
                    throw failure("invalid escape sequence", pattern.substring(i, t));
                }
                digits++;
            }
            if (digits == 0) {
                throw failure("invalid escape sequence", pattern.substring(i, t));
            }
            return t;
        }
        int second = t < pattern.length() ? pattern.codePointAt(t) : -1;
        t = second < 0 ? t : t + Character.charCount(second);
        if (c >= 0x80 || second >= 0x80 || Character.digit(c, 16) < 0 || second < 0
                || Character.digit(second, 16) < 0) {
            throw failure("invalid escape sequence", pattern.substring(i, t));
        }
        return t;
    }

    private static boolean isAlphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static InvalidLiteralException failure(String code, String fragment) {
        return new InvalidLiteralException("error parsing regexp: " + code + ": `" + fragment + "`");
    }
}
