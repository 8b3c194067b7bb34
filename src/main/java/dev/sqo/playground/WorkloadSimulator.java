package dev.sqo.playground;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated services, live: every second it reads their Deployments and pods from the API, runs each service
 * for the elapsed time on its ready pods, and serves the counters at {@code /metrics} for Prometheus to scrape.
 * Two annotations on a Deployment change its service on the fly, to try things out with kubectl.
 */
public final class WorkloadSimulator implements AutoCloseable {

    /** Multiplies the service's traffic, e.g. "3" for a surge. */
    public static final String TRAFFIC_FACTOR = "playground.sqo.dev/traffic-factor";
    /** Makes this share of served requests fail with a 500, e.g. "0.05" for an incident. */
    public static final String ERROR_RATIO = "playground.sqo.dev/error-ratio";
    private static final System.Logger LOG = System.getLogger(WorkloadSimulator.class.getName());

    private final KubernetesClient client;
    private final List<SimulatedService> services;
    private final Clock clock;
    private final HttpServer server;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqo-playground-simulator");
        t.setDaemon(true);
        return t;
    });
    private Instant last;

    private WorkloadSimulator(KubernetesClient client, List<SimulatedService> services, Clock clock, HttpServer server) {
        this.client = client;
        this.services = services;
        this.clock = clock;
        this.server = server;
    }

    /** Serves {@code /metrics} on 127.0.0.1 and a free port; the services stand still until {@link #run()}. */
    public static WorkloadSimulator serve(KubernetesClient client, List<SimulatedService> services, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WorkloadSimulator simulator = new WorkloadSimulator(client, services, clock, server);
        server.createContext("/metrics", exchange -> {
            byte[] body;
            synchronized (simulator) {
                body = Exposition.scrape(services).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", Exposition.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return simulator;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    /** Advances the services every second from now on. */
    public void run() {
        last = clock.instant();
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
            Instant now = clock.instant();
            double seconds = Duration.between(last, now).toMillis() / 1000.0;
            synchronized (this) {
                for (SimulatedService s : services) {
                    Optional<Deployment> d = deployments.stream().filter(x -> is(x, s.profile())).findFirst();
                    List<PodView> views = d.map(x -> views(x, pods)).orElse(List.of());
                    Map<String, String> annotations = d.map(x -> x.getMetadata().getAnnotations()).orElse(Map.of());
                    s.advance(now, seconds, views, number(annotations, TRAFFIC_FACTOR, 1), number(annotations, ERROR_RATIO, Double.NaN));
                }
            }
            last = now;
        } catch (KubernetesClientException e) {
            // The next tick tries again and covers the time this one missed.
            LOG.log(System.Logger.Level.WARNING, "playground simulator: " + e.getMessage());
        }
    }

    static boolean is(Deployment d, ServiceProfile profile) {
        return profile.namespace().equals(d.getMetadata().getNamespace()) && profile.workload().equals(d.getMetadata().getName());
    }

    /** The pods of a Deployment as the simulator sees them: ready or not, and the CPU their main container may use. */
    public static List<PodView> views(Deployment d, List<Pod> pods) {
        return pods.stream().filter(p -> DeploymentEmulator.ownedBy(p, d) && p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> {
                    Container main = p.getSpec().getContainers().get(0);
                    return new PodView(p.getMetadata().getName(), main.getName(), DeploymentEmulator.isReady(p), cores(main));
                })
                .toList();
    }

    private static double cores(Container c) {
        if (c.getResources() == null) {
            return 1;
        }
        Quantity cpu = Optional.ofNullable(c.getResources().getLimits()).map(l -> l.get("cpu"))
                .or(() -> Optional.ofNullable(c.getResources().getRequests()).map(r -> r.get("cpu")))
                .orElse(null);
        return cpu == null ? 1 : cpu.getNumericalAmount().doubleValue();
    }

    /** The annotation's number, or {@code otherwise} when it is absent or not a number (which is logged). */
    private static double number(Map<String, String> annotations, String key, double otherwise) {
        String text = annotations.get(key);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "playground simulator: ignoring " + key + "=" + text + ", which is not a number");
            return otherwise;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
    }
}
