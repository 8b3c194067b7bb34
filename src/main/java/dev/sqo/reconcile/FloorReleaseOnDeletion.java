package dev.sqo.reconcile;

import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SqoApi;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A deleted ServiceQuality keeps its finalizer until the HorizontalPodAutoscaler floor it raised is given back (or
 * the HPA is gone): releasing it on a transient API error would leave the HPA raised for good, with no one left to
 * restore it. A refusal that retrying cannot change (forbidden, denied by a webhook, invalid), or an hour of
 * failures, releases it all the same, with an error in the log: a ServiceQuality, and its namespace, that could
 * never be deleted would be worse than a floor a person must lower.
 */
final class FloorReleaseOnDeletion {

    private static final Logger LOG = Logger.getLogger(FloorReleaseOnDeletion.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    private final WorkloadOptimizer optimizer;

    FloorReleaseOnDeletion(WorkloadOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    /** @param neighbours the ServiceQualities of the namespace: one of them may own the workload, and the floor */
    DeleteControl release(ServiceQuality sq, List<ServiceQuality> neighbours, Instant now) {
        try {
            optimizer.release(sq, neighbours, now);
            return DeleteControl.defaultDelete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return DeleteControl.defaultDelete(); // the HPA went away: there is nothing left to give back
            }
            if (permanent(e.getCode()) || deletingFor(sq, now).compareTo(GIVE_UP_AFTER) > 0) {
                LOG.errorf("could not restore the HorizontalPodAutoscaler floor of %s/%s (the API server answered %d); the "
                        + "ServiceQuality is deleted all the same: lower the HPA's minReplicas to the value in its annotation %s by hand",
                        sq.getMetadata().getNamespace(), sq.getMetadata().getName(), e.getCode(), SqoApi.ORIGINAL_MIN_REPLICAS_ANNOTATION);
                return DeleteControl.defaultDelete();
            }
            Duration delay = retryDelay(sq, now);
            LOG.warnf("could not restore the HorizontalPodAutoscaler floor of %s/%s (the API server answered %d); the "
                    + "ServiceQuality keeps its finalizer, retried in %s", sq.getMetadata().getNamespace(), sq.getMetadata().getName(),
                    e.getCode(), delay);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay);
        } catch (RuntimeException e) {
            // A bug, not an outage: retrying cannot help, and a finalizer that never goes would block the deletion.
            LOG.errorf(e, "could not restore the HorizontalPodAutoscaler floor of %s/%s on deletion; left to a person",
                    sq.getMetadata().getNamespace(), sq.getMetadata().getName());
            return DeleteControl.defaultDelete();
        }
    }

    /** A client error other than a conflict or throttling: the same request will be refused again. */
    private static boolean permanent(int code) {
        return code >= 400 && code < 500 && code != HttpURLConnection.HTTP_CONFLICT && code != 429;
    }

    private static Duration deletingFor(ServiceQuality sq, Instant now) {
        try {
            return Duration.between(Instant.parse(sq.getMetadata().getDeletionTimestamp()), now);
        } catch (DateTimeParseException | NullPointerException e) {
            return Duration.ZERO;
        }
    }

    /**
     * Half the time since the deletion began, within bounds: the retries of a long outage space out (5 s, 10 s,
     * 20 s, ...) with nothing to remember between them.
     */
    static Duration retryDelay(ServiceQuality sq, Instant now) {
        Duration half = deletingFor(sq, now).dividedBy(2);
        return half.compareTo(FIRST_RETRY) < 0 ? FIRST_RETRY : half.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : half;
    }
}
