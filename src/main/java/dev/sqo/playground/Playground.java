package dev.sqo.playground;

import dev.sqo.playground.api.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything the playground runs besides the operator: the embedded API with the CRDs and the example workloads,
 * the pods behind them, the simulated services, and a real Prometheus that holds their history and scrapes them
 * live. {@link #close()} stops all of it and removes its files.
 */
public final class Playground implements AutoCloseable {

    /** Resources in the jar. */
    static final List<String> MANIFESTS = List.of("/crds/servicequalities.sqo.dev-v1.yml", "/crds/nodetuningprofiles.sqo.dev-v1.yml",
            "/playground/examples/checkout.yaml", "/playground/examples/search.yaml");
    private static final System.Logger LOG = System.getLogger(Playground.class.getName());

    private final List<AutoCloseable> started = new ArrayList<>();
    private final ScheduledExecutorService controllers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqo-playground-pods");
        t.setDaemon(true);
        return t;
    });
    private EmbeddedApiServer api;
    private KubernetesClient client;
    private WorkloadSimulator simulator;
    private LocalPrometheus prometheus;
    private Path kubeconfig;
    private boolean removeKubeconfig;

    private Playground() {
    }

    /**
     * Starts the playground.
     *
     * @param kubeconfigOut where to write the kubeconfig, or null for a temporary file removed at the end
     * @param history       how much history to backfill
     * @param surge         whether checkout's scripted surge happens
     */
    public static Playground start(Path kubeconfigOut, Duration history, boolean surge, Clock clock) throws IOException {
        Playground playground = new Playground();
        try {
            playground.startAll(kubeconfigOut, history, surge, clock);
            return playground;
        } catch (IOException | RuntimeException e) {
            playground.close();
            throw e;
        }
    }

    private void startAll(Path kubeconfigOut, Duration history, boolean surge, Clock clock) throws IOException {
        api = EmbeddedApiServer.start();
        started.add(api);
        client = api.client();
        started.add(client);
        install();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<ServiceProfile> profiles = PlaygroundServices.profiles(now, surge);
        DeploymentEmulator emulator = new DeploymentEmulator(client, clock, d -> startupDelay(d, profiles));
        emulator.reconcile(true);
        List<SimulatedService> services = profiles.stream().map(SimulatedService::new).toList();
        simulator = WorkloadSimulator.serve(client, services, clock);
        started.add(simulator);
        Map<SimulatedService, List<PodView>> podsNow = podsOf(services);
        prometheus = LocalPrometheus.start(file -> Exposition.history(file, services, now.minus(history), now,
                (service, minute) -> podsNow.get(service)), scrapeConfig(simulator.url()));
        started.add(prometheus);
        simulator.run();
        controllers.scheduleWithFixedDelay(() -> reconcileQuietly(emulator), 1, 1, TimeUnit.SECONDS);
        removeKubeconfig = kubeconfigOut == null;
        kubeconfig = kubeconfigOut != null ? kubeconfigOut : Files.createTempFile("sqo-playground-", ".kubeconfig");
        api.writeKubeconfig(kubeconfig);
    }

    /** The CRDs, the default and shop namespaces, the example ServiceQualities and their Deployments, and one node. */
    private void install() throws IOException {
        client.resource(new NodeBuilder().withNewMetadata().withName(DeploymentEmulator.NODE)
                .addToLabels("kubernetes.io/hostname", DeploymentEmulator.NODE).addToLabels("kubernetes.io/os", "linux").endMetadata()
                .withNewStatus().addToCapacity("cpu", new Quantity("16")).addToCapacity("memory", new Quantity("64Gi"))
                .addToAllocatable("cpu", new Quantity("16")).addToAllocatable("memory", new Quantity("64Gi"))
                .withNewNodeInfo().withKubeletVersion(EmbeddedApiServer.KUBERNETES_VERSION).withOperatingSystem("linux")
                .withArchitecture("amd64").endNodeInfo().endStatus().build()).create();
        for (String namespace : List.of("default", "shop")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
        for (String manifest : MANIFESTS) {
            try (InputStream in = Playground.class.getResourceAsStream(manifest)) {
                if (in == null) {
                    throw new IOException("the build lacks " + manifest);
                }
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).create();
                }
            }
        }
    }

    private Map<SimulatedService, List<PodView>> podsOf(List<SimulatedService> services) {
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        Map<SimulatedService, List<PodView>> out = new HashMap<>();
        for (SimulatedService s : services) {
            out.put(s, deployments.stream().filter(d -> WorkloadSimulator.is(d, s.profile())).findFirst()
                    .map(d -> WorkloadSimulator.views(d, pods)).orElse(List.of()));
        }
        return out;
    }

    private static Duration startupDelay(Deployment d, List<ServiceProfile> profiles) {
        return profiles.stream().filter(p -> WorkloadSimulator.is(d, p)).findFirst().map(ServiceProfile::startupDelay)
                .orElse(Duration.ofSeconds(10));
    }

    private static void reconcileQuietly(DeploymentEmulator emulator) {
        try {
            emulator.reconcile(false);
        } catch (RuntimeException e) {
            // The next pass tries again; the API may be shutting down.
            LOG.log(System.Logger.Level.WARNING, "playground pods: " + e.getMessage());
        }
    }

    static String scrapeConfig(URI target) {
        return """
                global:
                  scrape_interval: 15s
                  evaluation_interval: 15s
                scrape_configs:
                  - job_name: playground
                    # The simulator's series carry their own job label, as a service's would after relabelling.
                    honor_labels: true
                    metrics_path: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(target.getPath(), target.getAuthority());
    }

    public URI apiUrl() {
        return api.url();
    }

    public URI prometheusUrl() {
        return prometheus.url();
    }

    public URI simulatorUrl() {
        return simulator.url();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Idempotent, and safe from the shutdown hook and the command's own ending at once. */
    @Override
    public synchronized void close() {
        controllers.shutdownNow();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "playground: stopping " + started.get(i).getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
        started.clear();
        if (removeKubeconfig && kubeconfig != null) {
            try {
                Files.deleteIfExists(kubeconfig);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
