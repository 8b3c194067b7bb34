package dev.sqo.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations ("5m", "1h30m", "30d") to and from {@link Duration}. */
public final class PromDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d|w|y)");
    private static final long[] UNIT_MILLIS = {31_536_000_000L, 604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    /** Formatting stops at days: people write 30d and 90d, not 4w2d. */
    private static final int FIRST_FORMAT_UNIT = 2;

    private PromDuration() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = PART.matcher(text);
        long millis = 0;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration like 300ms, 5m, 1h or 30d");
            }
            millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis(m.group(2))));
            at = m.end();
        }
        return Duration.ofMillis(millis);
    }

    /** The Prometheus spelling of a duration in days and smaller units, e.g. 30d, 1h30m, 1m30s, 250ms. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = FIRST_FORMAT_UNIT; i < UNITS.length; i++) {
            long n = millis / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(UNITS[i]);
                millis -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    private static long unitMillis(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return UNIT_MILLIS[i];
            }
        }
        throw new IllegalArgumentException("unknown unit " + unit);
    }
}
