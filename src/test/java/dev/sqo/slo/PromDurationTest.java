package dev.sqo.slo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromDurationTest {

    @Test
    void parsesPrometheusDurations() {
        assertEquals(Duration.ofDays(30), PromDuration.parse("30d"));
        assertEquals(Duration.ofMinutes(90), PromDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(300), PromDuration.parse("300ms"));
        assertEquals(Duration.ofDays(14), PromDuration.parse("2w"));
    }

    @Test
    void formatsInDaysAndBelow() {
        assertEquals("30d", PromDuration.format(Duration.ofDays(30)));
        assertEquals("90d", PromDuration.format(Duration.ofDays(90)));
        assertEquals("1h30m", PromDuration.format(Duration.ofMinutes(90)));
        assertEquals("5m", PromDuration.format(Duration.ofMinutes(5)));
        assertEquals("250ms", PromDuration.format(Duration.ofMillis(250)));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parse("30 days"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parse(""));
    }
}
