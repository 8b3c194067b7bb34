package dev.sqo.playground;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The part of a cluster that turns Deployments into running pods, as simply as the playground allows: pods are
 * created for spec.replicas, become ready after the workload's start-up delay, and a changed pod template replaces
 * them all once the new pods are ready (a surge of 100%, with no ReplicaSet in between). It writes the pods and
 * the Deployment status to the API, so kubectl and the operator see what a cluster would show.
 */
public final class DeploymentEmulator {

    /** The single node the playground's pods run on. */
    public static final String NODE = "playground";
    static final String TEMPLATE_HASH = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final Clock clock;
    private final Function<Deployment, Duration> startupDelay;
    private final Map<String, Integer> nextPod = new HashMap<>();

    public DeploymentEmulator(KubernetesClient client, Clock clock, Function<Deployment, Duration> startupDelay) {
        this.client = client;
        this.clock = clock;
        this.startupDelay = startupDelay;
    }

    /**
     * One pass over every Deployment.
     *
     * @param warm whether new pods start ready, as the pods that were running before the playground started are
     */
    public void reconcile(boolean warm) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        for (Deployment d : deployments) {
            if (d.getMetadata().getDeletionTimestamp() == null) {
                reconcile(d, pods.stream().filter(p -> ownedBy(p, d)).toList(), warm);
            }
        }
        // The pods of a deleted Deployment go with it, as garbage collection would take them.
        for (Pod pod : pods) {
            boolean ownedByDeployment = pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Deployment".equals(o.getKind()));
            if (ownedByDeployment && deployments.stream().noneMatch(d -> ownedBy(pod, d))) {
                client.resource(pod).delete();
            }
        }
    }

    private void reconcile(Deployment d, List<Pod> owned, boolean warm) {
        String hash = templateHash(d);
        Instant now = clock.instant();
        Duration delay = startupDelay.apply(d);
        List<Pod> current = new ArrayList<>();
        List<Pod> old = new ArrayList<>();
        for (Pod p : owned) {
            if (!isReady(p) && !Instant.parse(p.getMetadata().getCreationTimestamp()).plus(delay).isAfter(now)) {
                p = client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
                        .edit(ready -> markReady(ready, now));
            }
            (hash.equals(p.getMetadata().getLabels().get(TEMPLATE_HASH)) ? current : old).add(p);
        }
        int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        while (current.size() < desired) {
            current.add(client.resource(newPod(d, hash, warm, now)).create());
        }
        if (current.size() > desired) {
            // Like the ReplicaSet controller: pods that are not ready go first, then the youngest.
            current.sort(Comparator.comparing((Pod p) -> isReady(p))
                    .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()));
            for (Pod extra : List.copyOf(current.subList(0, current.size() - desired))) {
                client.resource(extra).delete();
                current.remove(extra);
            }
        }
        long readyNew = current.stream().filter(DeploymentEmulator::isReady).count();
        if (readyNew >= desired) {
            old.forEach(p -> client.resource(p).delete());
            old.clear();
        }
        int ready = (int) (readyNew + old.stream().filter(DeploymentEmulator::isReady).count());
        DeploymentStatus status = new DeploymentStatusBuilder().withReplicas(current.size() + old.size())
                .withUpdatedReplicas(current.size()).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready)).withObservedGeneration(d.getMetadata().getGeneration())
                .build();
        if (!status.equals(withoutConditions(d.getStatus()))) {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                    .editStatus(edited -> {
                        edited.setStatus(status);
                        return edited;
                    });
        }
    }

    private static DeploymentStatus withoutConditions(DeploymentStatus status) {
        if (status == null) {
            return null;
        }
        return new DeploymentStatusBuilder(status).withConditions(List.of()).withCollisionCount(null).build();
    }

    private Pod newPod(Deployment d, String hash, boolean warm, Instant now) {
        String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        int sequence = nextPod.merge(key, 1, Integer::sum);
        PodSpec spec = Serialization.clone(d.getSpec().getTemplate().getSpec());
        spec.setNodeName(NODE);
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(TEMPLATE_HASH, hash);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(d.getMetadata().getName() + "-" + hash + "-" + suffix(key + "/" + hash + "/" + sequence))
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withSpec(spec)
                .withNewStatus().withPhase("Running").withQosClass(qosClass(spec.getContainers())).withStartTime(now.toString())
                .withPodIP("10.0.0." + (sequence % 250 + 2)).endStatus()
                .build();
        return warm ? markReady(pod, now) : notReady(pod, now);
    }

    private static Pod markReady(Pod pod, Instant now) {
        return withReadiness(pod, true, now);
    }

    private static Pod notReady(Pod pod, Instant now) {
        return withReadiness(pod, false, now);
    }

    private static Pod withReadiness(Pod pod, boolean ready, Instant now) {
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : List.of("Ready", "ContainersReady")) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus(ready ? "True" : "False")
                    .withLastTransitionTime(now.toString()).build());
        }
        pod.getStatus().setConditions(conditions);
        pod.getStatus().setContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(ready)
                        .withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(now.toString())
                        .endRunning().endState().build())
                .toList());
        return pod;
    }

    public static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean ownedBy(Pod pod, Deployment d) {
        return pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), d.getMetadata().getUid()));
    }

    /** Guaranteed when every container's requests equal its limits for CPU and memory, BestEffort when none sets any. */
    static String qosClass(List<Container> containers) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : containers) {
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String resource : List.of("cpu", "memory")) {
                Quantity limit = limits.get(resource);
                Quantity request = requests.getOrDefault(resource, limit);
                guaranteed &= limit != null && request != null
                        && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) == 0;
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    /** Ten characters of the template's digest, in the alphabet Kubernetes uses for generated names. */
    static String templateHash(Deployment d) {
        return encode(Serialization.asJson(d.getSpec().getTemplate()), 10);
    }

    private static String suffix(String seed) {
        return encode(seed, 5);
    }

    private static String encode(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET.charAt((digest[i] & 0xFF) % ALPHABET.length()));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
