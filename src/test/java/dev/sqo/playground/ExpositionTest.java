package dev.sqo.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpositionTest {

    private static final List<PodView> PODS = List.of(new PodView("checkout-a", "checkout", true, 0.5),
            new PodView("checkout-b", "checkout", true, 0.5));

    private static SimulatedService service() {
        return new SimulatedService(new ServiceProfile("shop", "checkout", 50, 0, 200, 0.08, 0.01, 100e6, 1e6,
                Duration.ofSeconds(60), List.of()));
    }

    @Test
    void aScrapeListsEachFamilyOnceAndEndsLikeOpenMetrics() {
        SimulatedService s = service();
        s.advance(Instant.parse("2026-11-22T10:00:00Z"), 1, PODS, 1, Double.NaN);
        String scrape = Exposition.scrape(List.of(s));
        assertTrue(scrape.endsWith("# EOF\n"));
        List<String> families = new ArrayList<>();
        scrape.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> families.add(l.split(" ")[2]));
        assertEquals(families.stream().distinct().toList(), families, "no family twice");
        assertEquals(SimulatedService.Family.values().length, families.size());
    }

    /** What promtool backfills from the history is what the service counted, and the counters continue live. */
    @Test
    void theHistoryBackfillsIntoPrometheusAndTheCountersContinueFromIt() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        SimulatedService s = service();
        try (LocalPrometheus prometheus = LocalPrometheus.start(file -> Exposition.history(file, List.of(s), end.minus(Duration.ofHours(2)),
                end, (service, minute) -> PODS))) {
            JsonNode result = query(prometheus.url(), "sum(http_requests_total{job=\"checkout\"})", end);
            assertEquals(50 * 7200, result.path(0).path("value").path(1).asDouble(), 1e-3 * 50 * 7200);
            JsonNode errorRatio = query(prometheus.url(), "sum(rate(http_requests_total{job=\"checkout\",code=\"500\"}[30m]))"
                    + " / sum(rate(http_requests_total{job=\"checkout\"}[30m]))", end);
            assertEquals(0.01, errorRatio.path(0).path("value").path(1).asDouble(), 1e-6);
        }
        double before = total(s);
        s.advance(end.plusSeconds(10), 10, PODS, 1, Double.NaN);
        assertEquals(before + 500, total(s), 1e-6);
    }

    private static double total(SimulatedService s) {
        double[] sum = {0};
        s.samples((family, series, value) -> {
            if (series.startsWith("http_requests_total")) {
                sum[0] += value;
            }
        });
        return sum[0];
    }

    private static JsonNode query(URI prometheus, String promql, Instant at) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(prometheus.resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + at.getEpochSecond())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).path("data").path("result");
    }
}
