package dev.sqo.testing;

import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits, as a user watching `kubectl get sq` would, for the running operator to write a status. */
public final class StatusWait {

    private StatusWait() {
    }

    /** The ServiceQuality once its status, with conditions, satisfies {@code reached}; fails after 30 s. */
    public static ServiceQuality awaitStatus(KubernetesClient client, String namespace, String name,
                                             Predicate<ServiceQualityStatus> reached) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            ServiceQuality current = client.resources(ServiceQuality.class).inNamespace(namespace).withName(name).get();
            if (current != null && current.getStatus() != null && current.getStatus().conditions != null
                    && reached.test(current.getStatus())) {
                return current;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no status on " + namespace + "/" + name + " within 30s");
        return null;
    }
}
