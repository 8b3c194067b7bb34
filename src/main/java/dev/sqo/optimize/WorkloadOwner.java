package dev.sqo.optimize;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of several ServiceQualities on one workload acts on it: the oldest in Auto mode. Two acting would flip the
 * replicas or resources back and forth, each undoing the other's decision; the others only evaluate their objectives.
 */
public final class WorkloadOwner {

    /**
     * A ServiceQuality that targets the workload.
     *
     * @param created when it was created, null when not known (it counts as the youngest)
     * @param acts    whether it is in Auto mode
     */
    public record Claim(String name, Instant created, boolean acts) {
    }

    private WorkloadOwner() {
    }

    /** The claim that owns the workload; empty when none acts. Ties in age go to the first name. */
    public static Optional<Claim> of(List<Claim> claims) {
        return claims.stream().filter(Claim::acts)
                .min(Comparator.comparing((Claim c) -> c.created() == null ? Instant.MAX : c.created()).thenComparing(Claim::name));
    }
}
