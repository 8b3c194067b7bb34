package dev.sqo.actuate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Optimistic concurrency for sqo's writes: a write applies to the state its decision was made on, or not at all. */
final class Locks {

    private Locks() {
    }

    /**
     * Sets the resourceVersion the decision was made on into the object fabric8's edit is about to patch. fabric8
     * computes the patch against the object it fetched and sends the resourceVersion with it: when the two differ the
     * API server answers 409 Conflict, and when they agree the patch is still refused if the object changes between
     * that fetch and the write. A decision made without a version (a manifest read from a file) is never written.
     */
    static <T extends HasMetadata> T decidedOn(T object, String resourceVersion) {
        if (resourceVersion == null) {
            throw new IllegalStateException("no resourceVersion to write " + object.getKind() + "/"
                    + object.getMetadata().getName() + " against");
        }
        object.getMetadata().setResourceVersion(resourceVersion);
        return object;
    }
}
