package dev.sqo.playground;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedServiceTest {

    private static final Instant T = Instant.parse("2026-11-22T00:00:00Z");

    /** No daily cycle, 200 requests per second per core, 80 ms at idle. */
    private static SimulatedService service(double requestsPerSecond, List<TrafficEvent> events) {
        return new SimulatedService(new ServiceProfile("shop", "checkout", requestsPerSecond, 0, 200, 0.08, 0.001,
                100e6, 1e6, Duration.ofSeconds(60), events));
    }

    private static Map<String, Double> samples(SimulatedService s) {
        Map<String, Double> out = new HashMap<>();
        s.samples((family, series, value) -> out.put(series, value));
        return out;
    }

    private static double sum(Map<String, Double> samples, String prefix, String suffix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(suffix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void everyOfferedRequestIsAnsweredOnceAndOverloadIsShedWith503s() {
        SimulatedService s = service(450, List.of());
        List<PodView> pods = List.of(new PodView("a", "checkout", true, 0.5), new PodView("b", "checkout", true, 0.5),
                new PodView("c", "checkout", true, 0.5), new PodView("d", "checkout", false, 0.5));
        double capacity = s.advance(T.plusSeconds(10), 10, pods, 1, Double.NaN);

        assertEquals(300, capacity, 1e-9);
        Map<String, Double> samples = samples(s);
        double ok = sum(samples, "http_requests_total", "code=\"200\"}");
        double failed = sum(samples, "http_requests_total", "code=\"500\"}");
        double shed = sum(samples, "http_requests_total", "code=\"503\"}");
        assertEquals(4500, ok + failed + shed, 1e-6, "requests = good + bad");
        assertEquals(1500, shed, 1e-6);
        assertEquals(3000 * 0.001, failed, 1e-6);
        assertEquals(3000, sum(samples, "http_request_duration_seconds_count", "}"), 1e-6, "the histogram counts served requests");
        assertEquals(0, samples.get("http_requests_total{job=\"checkout\",namespace=\"shop\",pod=\"d\",code=\"200\"}"),
                "a pod that is not ready serves nothing");
        assertEquals(300, samples.get("sqo_playground_capacity_requests_per_second{namespace=\"shop\",workload=\"checkout\"}"));
    }

    @Test
    void latencyGrowsAsThePodsNearSaturationAndBucketsAreCumulative() {
        SimulatedService idle = service(30, List.of());
        SimulatedService busy = service(290, List.of());
        List<PodView> pods = List.of(new PodView("a", "checkout", true, 0.5), new PodView("b", "checkout", true, 0.5),
                new PodView("c", "checkout", true, 0.5));
        idle.advance(T.plusSeconds(60), 60, pods, 1, Double.NaN);
        busy.advance(T.plusSeconds(60), 60, pods, 1, Double.NaN);

        String under300ms = "http_request_duration_seconds_bucket{job=\"checkout\",namespace=\"shop\",pod=\"a\",le=\"0.3\"}";
        String count = "http_request_duration_seconds_count{job=\"checkout\",namespace=\"shop\",pod=\"a\"}";
        double idleShare = samples(idle).get(under300ms) / samples(idle).get(count);
        double busyShare = samples(busy).get(under300ms) / samples(busy).get(count);
        assertTrue(busyShare < idleShare - 0.1, idleShare + " at 10% CPU, " + busyShare + " at 97%");

        Map<String, Double> b = samples(busy);
        double previous = 0;
        for (double bound : SimulatedService.BUCKETS) {
            double bucket = b.get("http_request_duration_seconds_bucket{job=\"checkout\",namespace=\"shop\",pod=\"a\",le=\""
                    + OpenMetricsHistory.le(bound) + "\"}");
            assertTrue(bucket >= previous);
            previous = bucket;
        }
    }

    @Test
    void eventsAndOverridesChangeTrafficAndErrors() {
        TrafficEvent incident = new TrafficEvent(T, Duration.ofMinutes(10), 2, 0.05);
        SimulatedService s = service(100, List.of(incident));
        List<PodView> pods = List.of(new PodView("a", "checkout", true, 2));
        s.advance(T.plusSeconds(60), 1, pods, 1, Double.NaN);
        assertEquals(200 * 0.05, sum(samples(s), "http_requests_total", "code=\"500\"}"), 1e-9);

        SimulatedService overridden = service(100, List.of());
        overridden.advance(T.plusSeconds(60), 1, pods, 3, 0.5);
        assertEquals(150, sum(samples(overridden), "http_requests_total", "code=\"500\"}"), 1e-9);
        assertEquals(300, samples(overridden).get("sqo_playground_offered_requests_per_second{namespace=\"shop\",workload=\"checkout\"}"), 1e-9);
    }

    @Test
    void cpuFollowsTheServedShareOfCapacity() {
        SimulatedService s = service(150, List.of());
        List<PodView> pods = List.of(new PodView("a", "checkout", true, 0.5), new PodView("b", "checkout", true, 0.5),
                new PodView("c", "checkout", true, 0.5));
        s.advance(T.plusSeconds(100), 100, pods, 1, Double.NaN);
        double cpuSeconds = samples(s).get("container_cpu_usage_seconds_total{namespace=\"shop\",pod=\"a\",container=\"checkout\"}");
        // Half the capacity is used: 0.25 of 0.5 cores, plus the idle overhead, for 100 s.
        assertEquals((0.25 + 0.02) * 100, cpuSeconds, 1e-6);
    }
}
