package dev.sqo.tuning;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeClaimsTest {

    private static final Map<String, Map<String, String>> NODES = Map.of(
            "n1", Map.of("pool", "latency", "disk", "nvme"),
            "n2", Map.of("pool", "latency"),
            "n3", Map.of("pool", "batch"));

    @Test
    void aNodeMatchedTwiceGoesToTheFirstProfileByNameAndTheOtherSaysSo() {
        NodeClaims.Profile nvme = new NodeClaims.Profile("b-nvme", Map.of("disk", "nvme"));
        NodeClaims.Profile latency = new NodeClaims.Profile("a-latency", Map.of("pool", "latency"));
        Map<String, String> claims = NodeClaims.assign(List.of(nvme, latency), NODES);
        assertEquals(Map.of("n1", "a-latency", "n2", "a-latency"), claims);
        assertEquals(List.of("n1"), NodeClaims.lost(nvme, NODES, claims));
        assertEquals(List.of(), NodeClaims.lost(latency, NODES, claims));
    }

    @Test
    void anEmptySelectorMatchesNothing() {
        assertEquals(Map.of(), NodeClaims.assign(List.of(new NodeClaims.Profile("all", Map.of())), NODES));
    }
}
