package dev.sqo.slo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
