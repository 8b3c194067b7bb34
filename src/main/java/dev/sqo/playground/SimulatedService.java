package dev.sqo.playground;

import dev.sqo.simulate.ServiceModel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated service's counters, per pod, as its pods and the kubelet's cAdvisor would expose them. Each
 * {@link #advance} runs {@link ServiceModel} for a span of time with the pods as they are: ready pods share the
 * offered requests up to their CPU's capacity, the rest is shed with 503s, latency grows as they near saturation,
 * and a share of served requests fails with 500s in incidents. The same object writes the backfilled history
 * minute by minute and then runs live, so the counters continue across the two.
 */
public final class SimulatedService {

    /** Bucket bounds of the latency histogram, in seconds: the thresholds of the examples are bounds. */
    public static final double[] BUCKETS = SyntheticService.BUCKETS;
    private static final double IDLE_CORES = 0.02;
    private static final double STARTING_CORES = 0.05;

    private final ServiceProfile profile;
    private final Map<String, PodCounters> pods = new LinkedHashMap<>();
    private double offered;
    private double capacity;

    public SimulatedService(ServiceProfile profile) {
        this.profile = profile;
    }

    public ServiceProfile profile() {
        return profile;
    }

    /** Counters of one pod; kept after the pod is gone, as Prometheus keeps a series until it goes stale. */
    static final class PodCounters {
        final String container;
        double ok;
        double failed;
        double shed;
        final double[] buckets = new double[BUCKETS.length];
        double count;
        double latencySum;
        double cpuSeconds;
        double memoryBytes;
        boolean present;

        PodCounters(String container) {
            this.container = container;
        }
    }

    /**
     * Runs the service for {@code seconds} ending at {@code end}.
     *
     * @param trafficFactor multiplier of the profile's traffic (an override on the Deployment), 1 for none
     * @param errorRatio    share of served requests failing, or NaN for the profile's own
     * @return the capacity of the ready pods in requests per second
     */
    public double advance(Instant end, double seconds, List<PodView> current, double trafficFactor, double errorRatio) {
        pods.values().forEach(c -> c.present = false);
        List<PodView> ready = current.stream().filter(PodView::ready).toList();
        double failing = Double.isNaN(errorRatio) ? profile.errorRatioAt(end) : errorRatio;
        double offered = profile.offered(end) * trafficFactor;
        double cores = ready.stream().mapToDouble(PodView::cores).average().orElse(0);
        ServiceModel.Step step = ready.isEmpty() ? null
                : new ServiceModel(cores, profile.requestsPerCoreSecond() * cores, profile.baseLatencySeconds())
                        .step(offered, ready.size(), failing);
        for (PodView pod : current) {
            PodCounters c = pods.computeIfAbsent(pod.name(), n -> new PodCounters(pod.container()));
            c.present = true;
            if (!pod.ready() || step == null) {
                c.cpuSeconds += STARTING_CORES * seconds;
                c.memoryBytes = profile.memoryBytes() / 2;
                continue;
            }
            double served = step.served() / ready.size();
            double shed = (step.offered() - step.served()) / ready.size();
            c.ok += served * (1 - failing) * seconds;
            c.failed += served * failing * seconds;
            c.shed += shed * seconds;
            for (int b = 0; b < BUCKETS.length; b++) {
                c.buckets[b] += served * seconds * step.servedUnder(BUCKETS[b]);
            }
            c.count += served * seconds;
            c.latencySum += served * seconds * step.latency().mean();
            c.cpuSeconds += (step.cpu() / 100 * cores + IDLE_CORES) * seconds;
            c.memoryBytes = profile.memoryBytes() + profile.memoryBytesPerRequest() * served;
        }
        this.offered = offered;
        this.capacity = ready.size() * profile.requestsPerCoreSecond() * cores;
        return capacity;
    }

    /** Receives one sample: the family it belongs to, the sample's name with its labels, and its value. */
    @FunctionalInterface
    public interface SampleSink {
        void sample(Family family, String series, double value);
    }

    /** The metric families, in the order an exposition lists them. */
    public enum Family {
        REQUESTS("http_requests", "counter", "Requests answered, by status code."),
        LATENCY("http_request_duration_seconds", "histogram", "Latency of served requests."),
        CPU("container_cpu_usage_seconds", "counter", "Cumulative CPU time consumed."),
        MEMORY("container_memory_working_set_bytes", "gauge", "Current working set."),
        OFFERED("sqo_playground_offered_requests_per_second", "gauge", "Requests per second arriving at the simulated service."),
        CAPACITY("sqo_playground_capacity_requests_per_second", "gauge",
                "Requests per second the ready pods of the simulated service can serve.");

        public final String name;
        public final String type;
        public final String help;

        Family(String name, String type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }
    }

    /** Every sample of the pods present at the last advance, and the service's offered load and capacity. */
    public void samples(SampleSink sink) {
        String service = "namespace=\"" + profile.namespace() + "\",workload=\"" + profile.workload() + "\"";
        sink.sample(Family.OFFERED, Family.OFFERED.name + "{" + service + "}", offered);
        sink.sample(Family.CAPACITY, Family.CAPACITY.name + "{" + service + "}", capacity);
        pods.forEach((pod, c) -> {
            if (!c.present) {
                return;
            }
            String app = "job=\"" + profile.workload() + "\",namespace=\"" + profile.namespace() + "\",pod=\"" + pod + "\"";
            sink.sample(Family.REQUESTS, "http_requests_total{" + app + ",code=\"200\"}", c.ok);
            sink.sample(Family.REQUESTS, "http_requests_total{" + app + ",code=\"500\"}", c.failed);
            sink.sample(Family.REQUESTS, "http_requests_total{" + app + ",code=\"503\"}", c.shed);
            for (int b = 0; b < BUCKETS.length; b++) {
                sink.sample(Family.LATENCY, "http_request_duration_seconds_bucket{" + app + ",le=\"" + OpenMetricsHistory.le(BUCKETS[b]) + "\"}", c.buckets[b]);
            }
            sink.sample(Family.LATENCY, "http_request_duration_seconds_bucket{" + app + ",le=\"+Inf\"}", c.count);
            sink.sample(Family.LATENCY, "http_request_duration_seconds_count{" + app + "}", c.count);
            sink.sample(Family.LATENCY, "http_request_duration_seconds_sum{" + app + "}", c.latencySum);
            String container = "namespace=\"" + profile.namespace() + "\",pod=\"" + pod + "\",container=\"" + c.container + "\"";
            sink.sample(Family.CPU, "container_cpu_usage_seconds_total{" + container + "}", c.cpuSeconds);
            sink.sample(Family.MEMORY, "container_memory_working_set_bytes{" + container + "}", Math.round(c.memoryBytes));
        });
    }

    /** A sample value as exposition text: integers without a fraction, the rest to a tenth of a milli-unit. */
    static String value(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
