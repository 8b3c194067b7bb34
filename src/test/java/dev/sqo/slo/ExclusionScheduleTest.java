package dev.sqo.slo;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExclusionScheduleTest {

    private static List<Instant> excludedSliceStarts(ExclusionSchedule s, Instant from, Duration length) {
        long first = SliceSeries.indexAt(from);
        int count = (int) (length.toSeconds() / SliceSeries.SLICE_SECONDS);
        boolean[] mask = s.excludedSlices(first, count);
        return IntStream.range(0, count).filter(i -> mask[i]).mapToObj(i -> SliceSeries.startOf(first + i)).toList();
    }

    @Test
    void recurringWindowFollowsItsTimeZone() {
        // Sundays 02:00 Europe/Berlin for 1h: 01:00-02:00 UTC in November (CET, UTC+1).
        ExclusionSchedule s = new ExclusionSchedule(List.of(
                new ExclusionWindow.Recurring("weekly", "0 2 * * SUN", Duration.ofHours(1), "Europe/Berlin")));
        List<Instant> excluded = excludedSliceStarts(s, Instant.parse("2026-11-21T00:00:00Z"), Duration.ofDays(2));
        assertEquals(12, excluded.size());
        assertEquals(Instant.parse("2026-11-22T01:00:00Z"), excluded.get(0));
        assertEquals(Instant.parse("2026-11-22T01:55:00Z"), excluded.get(11));
    }

    @Test
    void recurringWindowThatStartedBeforeTheRangeStillCounts() {
        ExclusionSchedule s = new ExclusionSchedule(List.of(
                new ExclusionWindow.Recurring("nightly", "30 23 * * *", Duration.ofHours(1), "UTC")));
        List<Instant> excluded = excludedSliceStarts(s, Instant.parse("2026-11-22T00:00:00Z"), Duration.ofHours(2));
        assertEquals(6, excluded.size(), "00:00-00:30 of the window that began at 23:30");
    }

    @Test
    void partlyCoveredSlicesAreExcludedWhole() {
        ExclusionSchedule s = new ExclusionSchedule(List.of(new ExclusionWindow.Absolute("deploy",
                Instant.parse("2026-11-22T10:02:00Z"), Instant.parse("2026-11-22T10:11:00Z"))));
        assertEquals(List.of(Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:05:00Z"),
                        Instant.parse("2026-11-22T10:10:00Z")),
                excludedSliceStarts(s, Instant.parse("2026-11-22T09:00:00Z"), Duration.ofHours(3)));
    }

    @Test
    void windowEndingOnABoundaryLeavesTheNextSlice() {
        ExclusionSchedule s = new ExclusionSchedule(List.of(new ExclusionWindow.Absolute("deploy",
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:10:00Z"))));
        assertEquals(2, excludedSliceStarts(s, Instant.parse("2026-11-22T09:00:00Z"), Duration.ofHours(3)).size());
    }

    @Test
    void activeWindowsByName() {
        ExclusionSchedule s = new ExclusionSchedule(List.of(new ExclusionWindow.Absolute("deploy",
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:10:00Z"))));
        assertEquals(List.of("deploy"), s.activeAt(Instant.parse("2026-11-22T10:05:00Z")));
        assertTrue(s.activeAt(Instant.parse("2026-11-22T10:10:00Z")).isEmpty());
    }

    @Test
    void badScheduleAndZoneAreRefusedByName() {
        IllegalArgumentException cron = assertThrows(IllegalArgumentException.class,
                () -> new ExclusionWindow.Recurring("weekly", "0 2 * *", Duration.ofHours(1), "UTC"));
        assertTrue(cron.getMessage().startsWith("exclusion weekly:"), cron.getMessage());
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
                () -> new ExclusionWindow.Recurring("weekly", "0 2 * * SUN", Duration.ofHours(1), "Mars/Olympus"));
        assertTrue(zone.getMessage().startsWith("exclusion weekly:"), zone.getMessage());
    }

    /**
     * What the API server refuses (31d is admission's longest duration) still reaches sqo through an older CRD or a
     * file given to sqo evaluate: every minute for 9999 days is millions of occurrences, and must cost a few steps.
     */
    @Test
    void aWindowOpenEveryMinuteForYearsIsEvaluatedInBoundedTime() {
        ExclusionSchedule forever = new ExclusionSchedule(List.of(
                new ExclusionWindow.Recurring("forever", "* * * * *", Duration.ofDays(9999), "UTC")));
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        int ninetyDays = (int) (Duration.ofDays(90).toSeconds() / SliceSeries.SLICE_SECONDS);
        boolean[] excluded = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> forever.endingLater(SliceSeries.SLICE).excludedSlices(SliceSeries.indexAt(at) - ninetyDays, ninetyDays));
        assertTrue(allTrue(excluded), "every slice of the 90 days is in the window");
        assertEquals(List.of("forever"), assertTimeoutPreemptively(Duration.ofSeconds(5), () -> forever.activeAt(at)));
    }

    /**
     * Short windows with short gaps cost a step per slice: a spec that asks for that is refused (judged on a year, in
     * at most 10,000 steps), and an evaluation that meets one anyway stops at its limit instead of walking on.
     */
    @Test
    void aScheduleThatOpensEveryFewMinutesIsRefusedAndNeverWalked() {
        ExclusionSchedule flicker = new ExclusionSchedule(List.of(
                new ExclusionWindow.Recurring("flicker", "*/2 * * * *", Duration.ofMinutes(1), "UTC")));
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        int ninetyDays = (int) (Duration.ofDays(90).toSeconds() / SliceSeries.SLICE_SECONDS);
        assertTrue(flicker.tooCostly().isPresent());
        assertThrows(ExclusionWindow.TooManySteps.class, () -> flicker.excludedSlices(SliceSeries.indexAt(at) - ninetyDays, ninetyDays));
        assertEquals(List.of("flicker"), flicker.activeAt(at));
        assertTrue(flicker.activeAt(at.plusSeconds(60)).isEmpty(), "the odd minutes are outside the window");
    }

    /** A short window every few minutes, but only for an hour a day, is cheap: gaps under a slice are bridged. */
    @Test
    void shortGapsAreBridgedWithoutChangingASlice() {
        ExclusionSchedule nightly = new ExclusionSchedule(List.of(
                new ExclusionWindow.Recurring("nightly", "*/10 2 * * *", Duration.ofMinutes(6), "UTC")));
        assertTrue(nightly.tooCostly().isEmpty());
        List<Instant> excluded = excludedSliceStarts(nightly, Instant.parse("2026-11-22T00:00:00Z"), Duration.ofDays(1));
        assertEquals(Instant.parse("2026-11-22T02:00:00Z"), excluded.get(0));
        assertEquals(Instant.parse("2026-11-22T02:55:00Z"), excluded.get(excluded.size() - 1));
        assertEquals(12, excluded.size(), "02:00 to 03:00: the 4-minute gaps hold no whole slice");
        assertTrue(nightly.activeAt(Instant.parse("2026-11-22T02:07:00Z")).isEmpty(), "activity is exact to the minute");
    }

    /**
     * Jumping over overlapping occurrences gives what walking every occurrence gives: the same slices and the same
     * active minutes, across a daylight saving change, for occurrences that overlap, touch, or leave short gaps.
     */
    @ParameterizedTest(name = "{0} for {1} in {2}")
    @CsvSource({
            "0 2 * * SUN, 1h, Europe/Berlin",
            "30 2 * * *, 3h, Europe/Berlin",
            "0 */2 * * *, 3h, UTC",
            "0 */2 * * *, 2h, UTC",
            "*/10 * * * *, 6m, UTC",
            "*/20 * * * *, 7m, America/New_York",
            "15 1-4 * * MON-FRI, 50m, Europe/Berlin",
            "* 3 * * *, 2m, UTC",
            "0 0 * * *, 31d, UTC",
            "0 0 29 2 *, 1d, UTC"})
    void matchesWalkingEveryOccurrence(String cron, String duration, String zone) {
        Duration length = PromDuration.parse(duration);
        ExclusionSchedule schedule = new ExclusionSchedule(List.of(new ExclusionWindow.Recurring("w", cron, length, zone)));
        // Around the change to summer time in the US (8 March 2026) and in Europe (29 March 2026).
        for (Instant from : List.of(Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-03-28T00:00:00Z"))) {
            Instant to = from.plus(Duration.ofDays(3));
            List<Instant> starts = everyOccurrence(cron, zone, from.minus(length), to);
            long first = SliceSeries.indexAt(from);
            int count = (int) (Duration.between(from, to).toSeconds() / SliceSeries.SLICE_SECONDS);

            assertArrayEquals(maskOf(starts, length, first, count), schedule.excludedSlices(first, count));
            assertArrayEquals(maskOf(starts, length.plus(SliceSeries.SLICE), first, count),
                    schedule.endingLater(SliceSeries.SLICE).excludedSlices(first, count));
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                Instant at = t;
                boolean open = starts.stream().anyMatch(s -> !s.isAfter(at) && s.plus(length).isAfter(at));
                assertEquals(open, !schedule.activeAt(at).isEmpty(), "active at " + at);
            }
        }
    }

    /** The reference: every occurrence in (from, to), one by one. */
    private static List<Instant> everyOccurrence(String cron, String zone, Instant from, Instant to) {
        ExecutionTime execution = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(cron));
        List<Instant> out = new ArrayList<>();
        Optional<ZonedDateTime> next = execution.nextExecution(from.atZone(ZoneId.of(zone)));
        while (next.isPresent() && next.get().toInstant().isBefore(to)) {
            out.add(next.get().toInstant());
            next = execution.nextExecution(next.get());
        }
        return out;
    }

    /** Slices that overlap any occurrence. */
    private static boolean[] maskOf(List<Instant> starts, Duration length, long first, int count) {
        boolean[] mask = new boolean[count];
        for (int i = 0; i < count; i++) {
            Instant sliceStart = SliceSeries.startOf(first + i);
            Instant sliceEnd = SliceSeries.startOf(first + i + 1);
            mask[i] = starts.stream().anyMatch(s -> s.isBefore(sliceEnd) && s.plus(length).isAfter(sliceStart));
        }
        return mask;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
