package dev.sqo.playground.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceTableTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void agesAreShortLikeKubectls() {
        assertEquals("45s", ResourceTable.age("2026-11-22T11:59:15Z", NOW));
        assertEquals("3m20s", ResourceTable.age("2026-11-22T11:56:40Z", NOW));
        assertEquals("5m", ResourceTable.age("2026-11-22T11:55:00Z", NOW));
        assertEquals("17m", ResourceTable.age("2026-11-22T11:43:00Z", NOW));
        assertEquals("5h3m", ResourceTable.age("2026-11-22T06:57:00Z", NOW));
        assertEquals("20h", ResourceTable.age("2026-11-21T16:00:00Z", NOW));
        assertEquals("3d4h", ResourceTable.age("2026-11-19T08:00:00Z", NOW));
        assertEquals("12d", ResourceTable.age("2026-11-10T12:00:00Z", NOW));
        assertEquals("<invalid>", ResourceTable.age("yesterday", NOW));
    }
}
