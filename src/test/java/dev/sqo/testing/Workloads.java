package dev.sqo.testing;

import dev.sqo.api.Objective;
import dev.sqo.api.Optimization;
import dev.sqo.api.Trigger;
import dev.sqo.api.ReplicaBounds;
import dev.sqo.api.ServiceQuality;
import dev.sqo.playground.SyntheticWorkload;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deployments and pods in the mock API server matching the cAdvisor series of {@link TestPrometheus}. */
public final class Workloads {

    private Workloads() {
    }

    /** Creates (or re-creates) the Deployment and a Running, Ready pod for each modelled pod. */
    public static Deployment deploy(KubernetesClient client, String name, SyntheticWorkload model, String cpu, String memoryRequest,
                                    String memoryLimit) {
        String ns = model.namespace();
        client.apps().deployments().inNamespace(ns).withName(name).delete();
        client.pods().inNamespace(ns).withLabel("app", name).delete();
        Map<String, Quantity> requests = new HashMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memoryRequest)));
        Map<String, Quantity> limits = memoryLimit == null ? null : Map.of("memory", new Quantity(memoryLimit));
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(model.pods().size()).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(model.container()).withImage("example/app:1")
                .withNewResources().withRequests(requests).withLimits(limits).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        Deployment created = client.resource(d).create();
        readyPods(client, name, model);
        return created;
    }

    /** The same as {@link #deploy} for a StatefulSet, whose pods are named by ordinal. */
    public static StatefulSet statefulSet(KubernetesClient client, String name, SyntheticWorkload model, String cpu) {
        String ns = model.namespace();
        client.apps().statefulSets().inNamespace(ns).withName(name).delete();
        StatefulSet s = new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(model.pods().size()).withServiceName(name).withNewSelector().addToMatchLabels("app", name)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(model.container()).withImage("example/ledger:1")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        StatefulSet created = client.resource(s).create();
        readyPods(client, name, model);
        return created;
    }

    /** A Running, Ready pod for each modelled pod, labelled app=name. */
    private static void readyPods(KubernetesClient client, String name, SyntheticWorkload model) {
        for (String pod : model.pods()) {
            client.resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(model.namespace()).addToLabels("app", name)
                    .endMetadata().withNewSpec().addNewContainer().withName(model.container()).withImage("example/app:1").endContainer()
                    .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus().build()).create();
        }
    }

    /**
     * A ServiceQuality on the Deployment with one objective on the scenario service: healthy (target 50%, the budget
     * barely touched) or burning (target 99.9%, paging at the end of the history).
     */
    public static ServiceQuality serviceQuality(String name, String target, boolean burning, Optimization.Mode mode) {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setName(name);
        sq.getMetadata().setNamespace(TestPrometheus.WORKLOAD_NAMESPACE);
        sq.getMetadata().setUid("uid-" + name);
        sq.getSpec().targetRef.name = target;
        Objective availability = sq.getSpec().objectives.get(0);
        availability.target = burning ? 99.9 : 50;
        sq.getSpec().objectives = List.of(availability);
        Optimization o = new Optimization();
        o.mode = mode;
        o.replicas = new ReplicaBounds();
        o.replicas.min = 1;
        o.replicas.max = 10;
        // The trigger-driven control, as the seed rules listed explicitly: these tests pin how actions are carried out.
        o.triggers = new ArrayList<>(List.of(Trigger.of(Trigger.Kind.CpuUtilization, 80.0, null), Trigger.of(Trigger.Kind.CpuUtilization, null, 20.0),
                Trigger.of(Trigger.Kind.MemoryUtilization, 85.0, null), Trigger.of(Trigger.Kind.ErrorRatio, null, null),
                Trigger.of(Trigger.Kind.BudgetBurn, null, null)));
        sq.getSpec().optimization = o;
        return sq;
    }
}
