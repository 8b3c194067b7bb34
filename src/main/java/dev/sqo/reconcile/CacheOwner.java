package dev.sqo.reconcile;

import dev.sqo.api.ServiceQuality;

/** The name under which a ServiceQuality holds entries in the metrics caches, and gives them back when deleted. */
final class CacheOwner {

    private CacheOwner() {
    }

    static String of(ServiceQuality resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }
}
