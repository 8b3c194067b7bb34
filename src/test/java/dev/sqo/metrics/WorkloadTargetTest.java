package dev.sqo.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTargetTest {

    @Test
    void aDeploymentOwnsItsReplicaSetsPodsAndNotThoseOfALongerNamedNeighbour() {
        WorkloadTarget web = new WorkloadTarget("shop", "Deployment", "web");
        assertTrue(web.owns("web-7d4b9c8f6-x2k9p"));
        assertFalse(web.owns("web-api-7d4b9c8f6-x2k9p"), "pods of Deployment web-api");
        assertFalse(web.owns("web-0"));
    }

    @Test
    void aStatefulSetOwnsItsOrdinals() {
        WorkloadTarget db = new WorkloadTarget("shop", "StatefulSet", "db");
        assertTrue(db.owns("db-0"));
        assertTrue(db.owns("db-12"));
        assertFalse(db.owns("db-replica-0"));
    }
}
