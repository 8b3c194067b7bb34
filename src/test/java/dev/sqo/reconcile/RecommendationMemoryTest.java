package dev.sqo.reconcile;

import dev.sqo.optimize.ReplicaRecommendation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The replica recommendations sqo keeps in memory for the scale-down stabilization window. */
class RecommendationMemoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void afterARestartTheCurrentCountCountsAsRecommendedAllAlong() {
        RecommendationMemory memory = new RecommendationMemory(HOUR);
        assertEquals(List.of(new ReplicaRecommendation(T0, 3)), memory.recall("uid", T0, 3));
    }

    @Test
    void recommendationsOlderThanTheMemoryAreForgotten() {
        RecommendationMemory memory = new RecommendationMemory(HOUR);
        memory.remember("uid", new ReplicaRecommendation(T0, 3));
        memory.remember("uid", new ReplicaRecommendation(T0.plus(HOUR).plusSeconds(30), 4));
        assertEquals(List.of(new ReplicaRecommendation(T0.plus(HOUR).plusSeconds(30), 4)), memory.recall("uid", T0, 1));
    }

    @Test
    void aResourceNotSeenForLongerThanTheMemoryIsEvicted() {
        RecommendationMemory memory = new RecommendationMemory(HOUR);
        memory.remember("idle", new ReplicaRecommendation(T0, 3));
        memory.remember("busy", new ReplicaRecommendation(T0.plus(HOUR), 5));
        memory.evictIdle(T0.plus(HOUR).plusSeconds(1));
        assertEquals(List.of(new ReplicaRecommendation(T0, 7)), memory.recall("idle", T0, 7), "started afresh");
        assertEquals(List.of(new ReplicaRecommendation(T0.plus(HOUR), 5)), memory.recall("busy", T0, 7));
    }

    /**
     * The reconciler evicts idle resources after every reconcile, on its own thread, while other threads decide for
     * other resources and forget their old recommendations in bulk: eviction must never read a list that shrinks
     * under it.
     */
    @Test
    void evictionIsSafeWhileAnotherThreadForgetsOldRecommendations() {
        RecommendationMemory memory = new RecommendationMemory(HOUR);
        AtomicBoolean deciding = new AtomicBoolean(true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CompletableFuture<Void> decisions = CompletableFuture.runAsync(() -> {
                try {
                    for (int round = 0; round < 2_000; round++) {
                        // Fifty recommendations an hour apart from the previous fifty: the first of each round forgets them all.
                        Instant base = T0.plus(HOUR.multipliedBy(2L * round));
                        for (int i = 0; i < 50; i++) {
                            memory.remember("web", new ReplicaRecommendation(base.plusSeconds(i), 3));
                        }
                    }
                } finally {
                    deciding.set(false);
                }
            });
            while (deciding.get()) {
                memory.evictIdle(T0); // evicts nothing, but reads each resource's latest recommendation
            }
            decisions.join();
        });
    }
}
