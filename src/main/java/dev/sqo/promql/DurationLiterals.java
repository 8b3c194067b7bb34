package dev.sqo.promql;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of a duration token, read as Prometheus reads it (prometheus/common's {@code model.ParseDuration}):
 * units from years down to milliseconds, each at most once and in that order, a year being 365 days; and then, as
 * its parser requires, more than zero.
 */
final class DurationLiterals {

    private static final Pattern DURATION = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
    private static final long[] UNIT_MILLIS = {
            365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
    /** Go's time.Duration counts nanoseconds in an int64: the longest duration is about 292 years. */
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger NANOS_PER_MILLI = BigInteger.valueOf(1_000_000);

    private DurationLiterals() {
    }

    static Duration parse(String text) throws InvalidLiteralException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new InvalidLiteralException("not a valid duration string: " + GoQuoting.quote(text));
        }
        BigInteger nanos = BigInteger.ZERO;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String count = m.group(unit + 1);
            if (count != null) {
                nanos = nanos.add(new BigInteger(count).multiply(BigInteger.valueOf(UNIT_MILLIS[unit]))
                        .multiply(NANOS_PER_MILLI));
            }
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new InvalidLiteralException("duration out of range");
        }
        if (nanos.signum() == 0) {
            throw new InvalidLiteralException("duration must be greater than 0");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }
}
