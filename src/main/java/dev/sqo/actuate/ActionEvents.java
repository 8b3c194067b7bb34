package dev.sqo.actuate;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Kubernetes Events for what sqo does and finds, on the ServiceQuality and on the workload, so that
 * {@code kubectl describe} on either tells the story. An event that cannot be written is logged, never fatal.
 */
public final class ActionEvents {

    private static final Logger LOG = Logger.getLogger(ActionEvents.class);
    public static final String COMPONENT = "sqo";

    private final KubernetesClient client;

    public ActionEvents(KubernetesClient client) {
        this.client = client;
    }

    public void emit(HasMetadata serviceQuality, String targetKind, String targetName, String type, String reason, String message,
                     Instant now) {
        emit(reference(serviceQuality), type, reason, message, now);
        if (targetName != null) {
            emit(new ObjectReferenceBuilder().withApiVersion("apps/v1").withKind(targetKind).withName(targetName)
                    .withNamespace(serviceQuality.getMetadata().getNamespace()).build(), type, reason, message, now);
        }
    }

    private void emit(ObjectReference about, String type, String reason, String message, Instant now) {
        String time = now.toString();
        try {
            client.v1().events().inNamespace(about.getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(about.getName() + ".").withNamespace(about.getNamespace()).endMetadata()
                    .withInvolvedObject(about).withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1).build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, about.getKind(), about.getName(), e.getMessage());
        }
    }

    private static ObjectReference reference(HasMetadata o) {
        return new ObjectReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind()).withName(o.getMetadata().getName())
                .withNamespace(o.getMetadata().getNamespace()).withUid(o.getMetadata().getUid()).build();
    }
}
