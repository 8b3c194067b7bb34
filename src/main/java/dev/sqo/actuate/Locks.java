package dev.sqo.actuate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;

/** Optimistic concurrency for sqo's writes: a write applies to the spec its decision was made on, or not at all. */
final class Locks {

    private Locks() {
    }

    /**
     * Checks, inside fabric8's edit, that the object it fetched for the write still has the spec the decision was
     * made on, or refuses as the API server would, with a 409 Conflict. The generation, not the resourceVersion: a
     * Deployment's or an HPA's status changes every few seconds while pods come and go (exactly when sqo must act),
     * and each change bumps the resourceVersion, whereas the generation moves only when someone changes the spec
     * (a kubectl scale, a rollout, an edit of minReplicas). The patch fabric8 then sends carries the resourceVersion
     * of the object it fetched, so a change between that fetch and the write is refused by the API server itself.
     */
    static <T extends HasMetadata> T decidedOn(T object, Long generation) {
        if (generation == null || !generation.equals(object.getMetadata().getGeneration())) {
            throw conflict(object, "generation " + generation + ", now " + object.getMetadata().getGeneration());
        }
        return object;
    }

    /** The refusal of a write to an object changed since the decision, as the API server would answer it. */
    static KubernetesClientException conflict(HasMetadata object, String change) {
        return new KubernetesClientException(new StatusBuilder().withCode(HttpURLConnection.HTTP_CONFLICT).withReason("Conflict")
                .withMessage(object.getKind() + "/" + object.getMetadata().getName() + " changed since the decision (" + change + ")")
                .build());
    }
}
