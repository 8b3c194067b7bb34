package dev.sqo.reconcile;

import dev.sqo.optimize.ReplicaRecommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unstabilized replica recommendations of each ServiceQuality, in memory like the HPA's. Each resource's
 * recommendations are an immutable list, replaced whole and never changed in place: the reconciler evicts idle
 * resources on one thread while others decide, and no thread can see a list shrink under it.
 */
final class RecommendationMemory {

    private final Map<String, List<ReplicaRecommendation>> byUid = new ConcurrentHashMap<>();
    private final Duration memory;

    /** @param memory how long a recommendation is kept: longer than every stabilization window the API allows */
    RecommendationMemory(Duration memory) {
        this.memory = memory;
    }

    /**
     * What is remembered of the resource. After a restart nothing is: the current count stands as if it had been
     * recommended all along, so a scale-in waits for a whole stabilization window.
     */
    List<ReplicaRecommendation> recall(String uid, Instant now, int currentReplicas) {
        return byUid.computeIfAbsent(uid, k -> List.of(new ReplicaRecommendation(now, currentReplicas)));
    }

    /** Adds the recommendation of a decision and forgets those older than the memory. */
    void remember(String uid, ReplicaRecommendation latest) {
        byUid.compute(uid, (k, past) -> {
            List<ReplicaRecommendation> kept = new ArrayList<>();
            for (ReplicaRecommendation r : past == null ? List.<ReplicaRecommendation>of() : past) {
                if (!r.time().isBefore(latest.time().minus(memory))) {
                    kept.add(r);
                }
            }
            kept.add(latest);
            return List.copyOf(kept);
        });
    }

    void forget(String uid) {
        byUid.remove(uid);
    }

    /** Forgets the resources not seen for longer than the memory (deleted ones, mostly). */
    void evictIdle(Instant now) {
        // Removes an entry only if it is still the list tested: one replaced meanwhile by a decision stays.
        byUid.values().removeIf(past -> past.get(past.size() - 1).time().isBefore(now.minus(memory)));
    }
}
