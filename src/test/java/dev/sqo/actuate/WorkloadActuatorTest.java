package dev.sqo.actuate;

import dev.sqo.api.ActionRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WorkloadActuatorTest {

    private static ActionRecord record() {
        ActionRecord r = new ActionRecord();
        r.id = "3f9a1c07d2e4";
        r.time = "2026-11-22T09:40:00Z";
        r.kind = "ScaleOut";
        r.from = "3";
        r.to = "5";
        return r;
    }

    @Test
    void theJournalRoundTrips() {
        assertEquals("3f9a1c07d2e4", WorkloadActuator.decode(WorkloadActuator.encode(record())).id);
    }

    @Test
    void aJournalSqoCouldNotHaveWrittenIsIgnored() {
        assertNull(WorkloadActuator.decode("not json"));
        ActionRecord badTime = record();
        badTime.time = "yesterday";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badTime)));
        ActionRecord badCount = record();
        badCount.to = "many";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badCount)));
        ActionRecord badKind = record();
        badKind.kind = "Delete";
        assertNull(WorkloadActuator.decode(WorkloadActuator.encode(badKind)));
    }
}
