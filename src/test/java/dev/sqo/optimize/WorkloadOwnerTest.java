package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One workload, several ServiceQualities: only one of them may act on it. */
class WorkloadOwnerTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void theOldestInAutoModeOwnsTheWorkload() {
        assertEquals("team-a", WorkloadOwner.of(List.of(new WorkloadOwner.Claim("team-b", TUESDAY, true),
                new WorkloadOwner.Claim("team-a", MONDAY, true))).orElseThrow().name());
    }

    @Test
    void oneThatDoesNotActOwnsNothingHoweverOld() {
        assertEquals("team-b", WorkloadOwner.of(List.of(new WorkloadOwner.Claim("team-b", TUESDAY, true),
                new WorkloadOwner.Claim("team-a", MONDAY, false))).orElseThrow().name());
        assertEquals(Optional.empty(), WorkloadOwner.of(List.of(new WorkloadOwner.Claim("team-a", MONDAY, false))));
    }

    @Test
    void equalAgesGoToTheFirstNameAndAnUnknownAgeCountsAsTheYoungest() {
        assertEquals("a", WorkloadOwner.of(List.of(new WorkloadOwner.Claim("b", MONDAY, true),
                new WorkloadOwner.Claim("a", MONDAY, true))).orElseThrow().name());
        assertEquals("b", WorkloadOwner.of(List.of(new WorkloadOwner.Claim("a", null, true),
                new WorkloadOwner.Claim("b", TUESDAY, true))).orElseThrow().name());
    }
}
