package dev.sqo.metrics;

import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the 5-minute slices of every SLI query between cycles, so that a cycle fetches only the newest slices
 * (plus a couple already seen, to pick up samples that arrived late) and the cost of a cycle does not grow with
 * the SLO window. Resources whose SLI queries are identical share one entry. An entry is locked only to plan a
 * cycle's reads and to merge what they gave, never while Prometheus answers: another ServiceQuality with the same
 * query must not wait for a query Prometheus stalls.
 *
 * <p>Only what a complete answer gave is kept for good. Gaps heal: a slice from a partial answer (one with
 * warnings), or one without data, is pending and read again. Pending slices of the last hour are read again every
 * cycle, in the query that fetches the newest slices anyway; older ones after a backoff (5 minutes, doubling, at
 * most an hour), in one query a cycle of at most {@value #REREAD_SLICES} slices, so a long gap costs a week's query
 * a cycle for a few cycles, never a 30-day query every cycle.
 * <ul>
 * <li>A slice a complete answer gave without data is read: the service had no traffic, or Prometheus has nothing
 * for it. Once it has been read {@value #NO_DATA_READS} times and is older than an hour, it is taken as no traffic
 * and never read again, so a quiet service costs a few queries more than a busy one, not a query every cycle.</li>
 * <li>A slice from a partial answer is not read, whatever numbers it has (a partial sum is smaller, not missing):
 * it is read again as long as it is in a window, at most hourly, because a store that did not answer is not a
 * service without traffic.</li>
 * </ul>
 */
public final class SliceStore {

    /** Slices re-fetched every cycle because their last samples may have been scraped after the previous fetch. */
    static final int REFRESHED_SLICES = 2;
    /** Prometheus refuses range queries of more than 11,000 points per series. */
    static final int MAX_SLICES_PER_QUERY = 10_000;
    /** Pending slices of the last hour are read again every cycle: a scrape gap or a lagging store heals soonest. */
    static final int RECENT_SLICES = 12;
    /** The most older pending slices read again in one cycle: a week, so a 7-day window heals in one cycle. */
    static final int REREAD_SLICES = 7 * 288;
    /** Complete reads after which a slice without data is taken as no traffic. */
    static final int NO_DATA_READS = 5;
    private static final Duration FIRST_BACKOFF = SliceSeries.SLICE;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration IDLE_EVICTION = Duration.ofHours(1);
    /** A backstop over what resources use: a 30-day window's slices take about 140 kB. */
    static final int MAX_QUERIES = 2048;

    private final PrometheusApi api;
    private final OwnedCache<String, Entry> entries = new OwnedCache<>(MAX_QUERIES);

    public SliceStore(PrometheusApi api) {
        this.api = api;
    }

    /**
     * The slices [firstIndex, endIndex) of the query, fetching what is not known yet and reading pending slices
     * again when due; the slices of partial answers are marked as not read.
     *
     * @param owner the resource that asks, which keeps the query's slices until it settles without it or is forgotten
     */
    public SliceSeries slices(String owner, PrometheusEndpoint endpoint, SliQuery query, long firstIndex, long endIndex, Instant now)
            throws PrometheusQueryException {
        Entry entry = entries.computeIfAbsent(owner, endpoint.cacheKey() + "\n" + query.promql(), now, k -> new Entry());
        Plan plan;
        synchronized (entry) {
            entry.lastUsed = now;
            plan = plan(entry, firstIndex, endIndex, now);
        }
        List<Fetched> fetched = new ArrayList<>(fetch(endpoint, query, plan.older()));
        boolean rereadFailed = false;
        try {
            fetched.addAll(fetch(endpoint, query, plan.reread()));
        } catch (PrometheusQueryException e) {
            // A second chance, not this cycle's data: the gaps stay pending for a later cycle, and a Prometheus that
            // is down shows in the query of the newest slices.
            rereadFailed = true;
        }
        fetched.addAll(fetch(endpoint, query, plan.newest()));
        synchronized (entry) {
            int size = (int) (endIndex - firstIndex);
            double[] bad = new double[size];
            double[] total = new double[size];
            Arrays.fill(bad, Double.NaN);
            Arrays.fill(total, Double.NaN);
            Read read = new Read(firstIndex, endIndex, now, bad, total);
            if (entry.series != null) {
                copyKnown(entry.series, firstIndex, endIndex, bad, total);
            }
            if (rereadFailed) {
                entry.pending.subMap(plan.reread().from(), plan.reread().until()).replaceAll(
                        (slice, p) -> new Pending(p.partial(), p.reads(), now.plus(backoff(p.reads()))));
            }
            for (Fetched f : fetched) {
                keep(entry, read, f.slice(), f.decoded(), f.partial());
            }
            BitSet unread = new BitSet(size);
            entry.pending.subMap(firstIndex, endIndex).forEach((slice, p) -> unread.set((int) (slice - firstIndex), p.partial()));
            SliceSeries result = new SliceSeries(firstIndex, bad, total, unread);
            entry.longestSpan = Math.max(entry.longestSpan, size);
            // A concurrent cycle that read further keeps its newer slices.
            if (endIndex >= entry.fetchedUntil) {
                entry.series = widest(entry.series, result, entry.longestSpan);
                entry.fetchedUntil = endIndex;
            }
            entry.pending.headMap(entry.series.firstIndex()).clear();
            return result;
        }
    }

    /**
     * What a cycle reads: slices older than the entry holds, due pending slices, and the newest ones (from a couple
     * already seen, or from the oldest recent pending slice).
     */
    private static Plan plan(Entry entry, long firstIndex, long endIndex, Instant now) {
        if (entry.series == null) {
            return new Plan(Range.NONE, Range.NONE, new Range(firstIndex, endIndex));
        }
        Range older = entry.series.firstIndex() > firstIndex ? new Range(firstIndex, Math.min(entry.series.firstIndex(), endIndex))
                : Range.NONE;
        long newest = Math.max(firstIndex, entry.fetchedUntil - REFRESHED_SLICES);
        Long recentPending = entry.pending.ceilingKey(Math.max(firstIndex, endIndex - RECENT_SLICES));
        if (recentPending != null && recentPending < newest) {
            newest = recentPending;
        }
        newest = Math.min(newest, endIndex);
        return new Plan(older, rereadDue(entry, firstIndex, newest, now), new Range(newest, endIndex));
    }

    /** The newest due pending slices before {@code until}, at most {@value #REREAD_SLICES} of them. */
    private static Range rereadDue(Entry entry, long firstIndex, long until, Instant now) {
        Long last = null;
        Long first = null;
        for (Map.Entry<Long, Pending> p : entry.pending.subMap(firstIndex, true, until, false).descendingMap().entrySet()) {
            if (p.getValue().due().isAfter(now)) {
                continue;
            }
            if (last == null) {
                last = p.getKey();
            } else if (p.getKey() <= last - REREAD_SLICES) {
                break;
            }
            first = p.getKey();
        }
        return last == null ? Range.NONE : new Range(first, last + 1);
    }

    /**
     * Forgets queries no resource asked for in an hour: a backstop for resources whose cycles keep failing, which
     * never settle and so never give up a query edited out of their spec.
     */
    public void evictIdle(Instant now) {
        entries.removeIf(e -> e.lastUsed != null && e.lastUsed.plus(IDLE_EVICTION).isBefore(now));
    }

    /** @see OwnedCache#settle */
    void settle(String owner, Instant cycle) {
        entries.settle(owner, cycle);
    }

    /** @see OwnedCache#forget */
    void forget(String owner) {
        entries.forget(owner);
    }

    int size() {
        return entries.size();
    }

    /** Slices held over all entries. */
    long knownSlices() {
        return entries.values().stream().mapToLong(e -> e.series == null ? 0 : e.series.size()).sum();
    }

    /**
     * Keeps older slices that another resource with a longer window still needs: resources sharing a query
     * must not make each other re-fetch. Never longer than the longest span asked for, so it does not grow as
     * time moves on.
     */
    private static SliceSeries widest(SliceSeries known, SliceSeries fresh, int longestSpan) {
        long end = fresh.firstIndex() + fresh.size();
        long first = Math.max(known == null ? fresh.firstIndex() : known.firstIndex(), end - longestSpan);
        if (first >= fresh.firstIndex()) {
            return fresh;
        }
        int size = (int) (end - first);
        double[] bad = new double[size];
        double[] total = new double[size];
        for (long i = first; i < end; i++) {
            SliceSeries from = i < fresh.firstIndex() ? known : fresh;
            bad[(int) (i - first)] = from.bad(i);
            total[(int) (i - first)] = from.total(i);
        }
        return new SliceSeries(first, bad, total);
    }

    private static void copyKnown(SliceSeries known, long firstIndex, long until, double[] bad, double[] total) {
        for (long i = Math.max(firstIndex, known.firstIndex()); i < until; i++) {
            int at = (int) (i - firstIndex);
            bad[at] = known.bad(i);
            total[at] = known.total(i);
        }
    }

    /** One cycle's merge: the window asked for and the arrays its slices go to. */
    private record Read(long firstIndex, long endIndex, Instant now, double[] bad, double[] total) {
    }

    /** Slices [from, until) to read. */
    private record Range(long from, long until) {
        static final Range NONE = new Range(0, 0);
    }

    /** A cycle's reads, in the order they are made. */
    private record Plan(Range older, Range reread, Range newest) {
    }

    /** One slice as Prometheus gave it: {@code decoded} null without data; partial when the answer had warnings. */
    private record Fetched(long slice, double[] decoded, boolean partial) {
    }

    /** A slice to read again: from a partial answer or without data, how often read and when next. */
    private record Pending(boolean partial, int reads, Instant due) {
    }

    private List<Fetched> fetch(PrometheusEndpoint endpoint, SliQuery query, Range range) throws PrometheusQueryException {
        List<Fetched> out = new ArrayList<>();
        for (long chunk = range.from(); chunk < range.until(); chunk += MAX_SLICES_PER_QUERY) {
            long chunkEnd = Math.min(range.until(), chunk + MAX_SLICES_PER_QUERY);
            // The value at a slice's end covers the slice: evaluate at ends chunk+1 .. chunkEnd.
            PromAnswer answer = api.queryRangeAnswer(endpoint, query.promql(), SliceSeries.startOf(chunk + 1),
                    SliceSeries.startOf(chunkEnd), SliceSeries.SLICE);
            Map<Long, Map<String, Double>> partsBySlice = new HashMap<>();
            Set<Long> corrupt = new HashSet<>();
            for (PromSeries s : answer.series()) {
                String part = s.label(SliQuery.PART_LABEL);
                for (int i = 0; i < s.timestampsSeconds().length; i++) {
                    long slice = s.timestampsSeconds()[i] / SliceSeries.SLICE_SECONDS - 1;
                    // An infinite count is no count: the slice is no data, not a part the decoder may read as absent.
                    if (Double.isInfinite(s.values()[i])) {
                        corrupt.add(slice);
                    }
                    partsBySlice.computeIfAbsent(slice, k -> new HashMap<>()).put(part, s.values()[i]);
                }
            }
            for (long slice = chunk; slice < chunkEnd; slice++) {
                Map<String, Double> parts = corrupt.contains(slice) ? null : partsBySlice.get(slice);
                double[] decoded = parts == null ? null : query.decoder().decode(parts);
                boolean finite = decoded != null && Double.isFinite(decoded[0]) && Double.isFinite(decoded[1]);
                out.add(new Fetched(slice, finite ? decoded : null, answer.partial()));
            }
        }
        return out;
    }

    /** Takes one fetched slice ({@code decoded} null without data) unless it would replace a read slice by a partial one. */
    private static void keep(Entry entry, Read read, long slice, double[] decoded, boolean partial) {
        Pending before = entry.pending.get(slice);
        boolean heldWhole = before == null && entry.series != null && slice >= entry.series.firstIndex()
                && slice < entry.fetchedUntil;
        boolean wasRead = heldWhole || (before != null && !before.partial());
        int at = (int) (slice - read.firstIndex);
        if (partial && wasRead) {
            if (before != null) {
                entry.pending.put(slice, new Pending(false, before.reads(), read.now.plus(backoff(before.reads()))));
            }
            return;
        }
        read.bad[at] = decoded != null ? decoded[0] : Double.NaN;
        read.total[at] = decoded != null ? decoded[1] : Double.NaN;
        if (partial) {
            int reads = (before == null ? 0 : before.reads()) + 1;
            entry.pending.put(slice, new Pending(true, reads, read.now.plus(backoff(reads))));
        } else if (decoded != null) {
            entry.pending.remove(slice);
        } else {
            int reads = (before == null || before.partial() ? 0 : before.reads()) + 1;
            if (reads >= NO_DATA_READS && slice < read.endIndex - RECENT_SLICES) {
                entry.pending.remove(slice);
            } else {
                entry.pending.put(slice, new Pending(false, reads, read.now.plus(backoff(reads))));
            }
        }
    }

    /** 5 minutes after the first read, doubling, at most an hour. */
    private static Duration backoff(int reads) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(reads - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static final class Entry {
        SliceSeries series;
        long fetchedUntil;
        int longestSpan;
        /** The slices to read again, by index; every other held slice was read whole (with data, or as no traffic). */
        final NavigableMap<Long, Pending> pending = new TreeMap<>();
        volatile Instant lastUsed;
    }
}
