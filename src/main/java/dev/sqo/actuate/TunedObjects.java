package dev.sqo.actuate;

import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.SqoApi;
import dev.sqo.tuning.TunedProfile;
import dev.sqo.tuning.TuningSetting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * On OpenShift, profiles reach the nodes through the Node Tuning Operator: sqo owns one Tuned object per profile
 * (TuneD profile data and a recommend rule on the node label) and reads the per-node Profile objects back.
 */
public final class TunedObjects {

    public static final String API_VERSION = "tuned.openshift.io/v1";
    /** Named in full: the client cannot discover a CRD's plural from an API server that does not serve discovery for it. */
    private static final ResourceDefinitionContext TUNED = new ResourceDefinitionContext.Builder().withGroup("tuned.openshift.io")
            .withVersion("v1").withKind("Tuned").withPlural("tuneds").withNamespaced(true).build();
    private static final ResourceDefinitionContext PROFILE = new ResourceDefinitionContext.Builder().withGroup("tuned.openshift.io")
            .withVersion("v1").withKind("Profile").withPlural("profiles").withNamespaced(true).build();
    static final String CRD = "tuneds.tuned.openshift.io";
    /** Recommend rules of sqo's profiles win over the operator's defaults (lower is higher priority). */
    static final int PRIORITY = 20;

    private final KubernetesClient client;
    private final String namespace;

    public TunedObjects(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public boolean installed() {
        return client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
    }

    /** Creates or updates the profile's Tuned object; writes only when its spec changed. */
    public void publish(NodeTuningProfile profile, List<TuningSetting> settings) {
        String name = TunedProfile.name(profile.getMetadata().getName());
        Map<String, Object> spec = Map.of(
                "profile", List.of(Map.of("name", name, "data", TunedProfile.data(profile.getMetadata().getName(), settings))),
                "recommend", List.of(Map.of("profile", name, "priority", PRIORITY,
                        "match", List.of(Map.of("label", SqoApi.TUNING_PROFILE_LABEL, "value", profile.getMetadata().getName())))));
        GenericKubernetesResource existing = client.genericKubernetesResources(TUNED).inNamespace(namespace)
                .withName(name).get();
        if (existing != null && Objects.equals(existing.getAdditionalProperties().get("spec"), spec)) {
            return;
        }
        GenericKubernetesResource tuned = new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("Tuned")
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "sqo")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(SqoApi.API_VERSION).withKind("NodeTuningProfile")
                        .withName(profile.getMetadata().getName()).withUid(profile.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata().build();
        tuned.setAdditionalProperty("spec", spec);
        if (existing == null) {
            client.genericKubernetesResources(TUNED).inNamespace(namespace).resource(tuned).create();
        } else {
            tuned.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.genericKubernetesResources(TUNED).inNamespace(namespace).resource(tuned).update();
        }
    }

    /**
     * The Node Tuning Operator's view of each node: its Profile object's Applied and Degraded conditions, when it
     * runs this profile.
     *
     * @return node name to state (Applied, Degraded or Pending) and message
     */
    public Map<String, String[]> nodeStates(String profile) {
        Map<String, String[]> out = new HashMap<>();
        for (GenericKubernetesResource p : client.genericKubernetesResources(PROFILE).inNamespace(namespace).list().getItems()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) p.getAdditionalProperties().getOrDefault("status", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) p.getAdditionalProperties().getOrDefault("spec", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.getOrDefault("config", Map.of());
            // The daemon reports the profile it runs in the status; releases without that field show the one the
            // operator chose for the node in spec.config.
            Object running = status.containsKey("tunedProfile") ? status.get("tunedProfile") : config.get("tunedProfile");
            if (!TunedProfile.name(profile).equals(running)) {
                out.put(p.getMetadata().getName(), new String[]{"Pending", "TuneD runs profile " + running});
                continue;
            }
            String state = "Pending";
            String message = "TuneD has not reported yet";
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
            for (Map<String, Object> c : conditions) {
                if ("Degraded".equals(c.get("type")) && "True".equals(c.get("status"))) {
                    state = "Degraded";
                    message = String.valueOf(c.get("message"));
                    break;
                }
                if ("Applied".equals(c.get("type")) && "True".equals(c.get("status"))) {
                    state = "Applied";
                    message = null;
                }
            }
            out.put(p.getMetadata().getName(), new String[]{state, message});
        }
        return out;
    }
}
