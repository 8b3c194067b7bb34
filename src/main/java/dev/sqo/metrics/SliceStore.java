package dev.sqo.metrics;

import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the 5-minute slices of every SLI query between cycles, so that a cycle fetches only the newest slices
 * (plus a couple already seen, to pick up samples that arrived late) and the cost of a cycle does not grow with
 * the SLO window. Resources whose SLI queries are identical share one entry.
 */
public final class SliceStore {

    /** Slices re-fetched every cycle because their last samples may have been scraped after the previous fetch. */
    static final int REFRESHED_SLICES = 2;
    /** Prometheus refuses range queries of more than 11,000 points per series. */
    static final int MAX_SLICES_PER_QUERY = 10_000;
    private static final Duration IDLE_EVICTION = Duration.ofHours(1);
    /** A backstop over what resources use: a 30-day window's slices take about 140 kB. */
    static final int MAX_QUERIES = 2048;

    private final PrometheusApi api;
    private final OwnedCache<String, Entry> entries = new OwnedCache<>(MAX_QUERIES);

    public SliceStore(PrometheusApi api) {
        this.api = api;
    }

    /**
     * The slices [firstIndex, endIndex) of the query, fetching what is not known yet.
     *
     * @param owner the resource that asks, which keeps the query's slices until it settles without it or is forgotten
     */
    public SliceSeries slices(String owner, PrometheusEndpoint endpoint, SliQuery query, long firstIndex, long endIndex, Instant now)
            throws PrometheusQueryException {
        Entry entry = entries.computeIfAbsent(owner, endpoint.cacheKey() + "\n" + query.promql(), now, k -> new Entry());
        // The entry is locked only to read and to merge, never while Prometheus answers: another ServiceQuality
        // with the same query must not wait for a query Prometheus stalls.
        SliceSeries series;
        long fetchedUntil;
        synchronized (entry) {
            entry.lastUsed = now;
            series = entry.series;
            fetchedUntil = entry.fetchedUntil;
        }
        int size = (int) (endIndex - firstIndex);
        double[] bad = new double[size];
        double[] total = new double[size];
        Arrays.fill(bad, Double.NaN);
        Arrays.fill(total, Double.NaN);
        long known = series == null ? firstIndex : Math.max(firstIndex, fetchedUntil - REFRESHED_SLICES);
        if (series != null) {
            copyKnown(series, firstIndex, Math.min(known, endIndex), bad, total);
            if (series.firstIndex() > firstIndex) {
                fetch(endpoint, query, firstIndex, Math.min(series.firstIndex(), endIndex), firstIndex, bad, total);
            }
        }
        fetch(endpoint, query, Math.min(known, endIndex), endIndex, firstIndex, bad, total);
        SliceSeries result = new SliceSeries(firstIndex, bad, total);
        synchronized (entry) {
            entry.longestSpan = Math.max(entry.longestSpan, size);
            // A concurrent cycle that read further keeps its newer slices.
            if (endIndex >= entry.fetchedUntil) {
                entry.series = widest(entry.series, result, entry.longestSpan);
                entry.fetchedUntil = endIndex;
            }
        }
        return result;
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

    private void fetch(PrometheusEndpoint endpoint, SliQuery query, long from, long until, long firstIndex,
                       double[] bad, double[] total) throws PrometheusQueryException {
        for (long chunk = from; chunk < until; chunk += MAX_SLICES_PER_QUERY) {
            long chunkEnd = Math.min(until, chunk + MAX_SLICES_PER_QUERY);
            // The value at a slice's end covers the slice: evaluate at ends chunk+1 .. chunkEnd.
            List<PromSeries> result = api.queryRange(endpoint, query.promql(), SliceSeries.startOf(chunk + 1),
                    SliceSeries.startOf(chunkEnd), SliceSeries.SLICE);
            Map<Long, Map<String, Double>> partsBySlice = new HashMap<>();
            Set<Long> corrupt = new HashSet<>();
            for (PromSeries s : result) {
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
                int at = (int) (slice - firstIndex);
                bad[at] = finite ? decoded[0] : Double.NaN;
                total[at] = finite ? decoded[1] : Double.NaN;
            }
        }
    }

    private static final class Entry {
        SliceSeries series;
        long fetchedUntil;
        int longestSpan;
        volatile Instant lastUsed;
    }
}
