package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Bad and total event counts per 5-minute slice, aligned to the Unix epoch. A slice whose total is NaN has no
 * data: Prometheus returned nothing for it. Every window sum is built from these slices, so exclusions and
 * "no data" hold the same way in every number. A slice is read when a complete answer gave it (its numbers, or
 * its having none, are what Prometheus holds); a slice from a partial answer is not, whatever numbers it has.
 */
public final class SliceSeries {

    public static final Duration SLICE = Duration.ofMinutes(5);
    public static final long SLICE_SECONDS = SLICE.toSeconds();

    private final long firstIndex;
    private final double[] bad;
    private final double[] total;
    /** Positions of the slices not read. */
    private final BitSet unread;

    public SliceSeries(long firstIndex, double[] bad, double[] total) {
        this(firstIndex, bad, total, new BitSet());
    }

    public SliceSeries(long firstIndex, double[] bad, double[] total, BitSet unread) {
        if (bad.length != total.length) {
            throw new IllegalArgumentException("bad and total differ in length");
        }
        this.firstIndex = firstIndex;
        this.bad = bad;
        this.total = total;
        this.unread = unread;
    }

    public static SliceSeries empty(long firstIndex, int size) {
        double[] bad = new double[size];
        double[] total = new double[size];
        Arrays.fill(bad, Double.NaN);
        Arrays.fill(total, Double.NaN);
        return new SliceSeries(firstIndex, bad, total);
    }

    /** Index of the slice that starts at or before {@code t}. */
    public static long indexAt(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), SLICE_SECONDS);
    }

    public static Instant startOf(long index) {
        return Instant.ofEpochSecond(index * SLICE_SECONDS);
    }

    /** The latest slice boundary at or before {@code t}: evaluations are made as of a boundary. */
    public static Instant boundaryAtOrBefore(Instant t) {
        return startOf(indexAt(t));
    }

    public long firstIndex() {
        return firstIndex;
    }

    public int size() {
        return total.length;
    }

    public boolean hasData(long index) {
        int i = position(index);
        return i >= 0 && !Double.isNaN(total[i]);
    }

    /** Whether a complete answer gave this slice; false outside the series. */
    public boolean isRead(long index) {
        int i = position(index);
        return i >= 0 && !unread.get(i);
    }

    public double bad(long index) {
        int i = position(index);
        return i < 0 ? Double.NaN : bad[i];
    }

    public double total(long index) {
        int i = position(index);
        return i < 0 ? Double.NaN : total[i];
    }

    private int position(long index) {
        long i = index - firstIndex;
        return i < 0 || i >= total.length ? -1 : (int) i;
    }
}
