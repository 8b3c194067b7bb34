package dev.sqo.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.sqo.slo.SliceSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ServiceQualities with the same SLI query share its cached slices. A query of one that Prometheus stalls must not
 * hold up the other: no thread waits on the network while holding what the other needs.
 */
class StalledQueryIsolationTest {

    private static final SliQuery QUERY = new SliQuery("sum(rate(http_requests_total[5m]))",
            parts -> parts.containsKey("total") ? new double[]{0, parts.get("total")} : null);

    private HttpServer server;
    private final ExecutorService cycles = Executors.newCachedThreadPool();
    private final CountDownLatch firstQueryArrived = new CountDownLatch(1);
    private final CountDownLatch testOver = new CountDownLatch(1);

    /** Stalls the first query until the test ends; answers every later one at once, with no series. */
    private PrometheusEndpoint stallingTheFirstQuery() throws IOException {
        AtomicInteger queries = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (queries.getAndIncrement() == 0) {
                    firstQueryArrived.countDown();
                    testOver.await();
                }
                byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return PrometheusEndpoint.anonymous(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        cycles.shutdownNow();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void aStalledQueryOfOneServiceQualityDoesNotBlockAnotherWithTheSameQuery() throws Exception {
        PrometheusEndpoint endpoint = stallingTheFirstQuery();
        SliceStore store = new SliceStore(new HttpPrometheusApi());
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(now);
        Future<SliceSeries> stalled = cycles.submit(() -> store.slices("team-a/checkout", endpoint, QUERY, end - 12, end, now));
        assertTrue(firstQueryArrived.await(5, TimeUnit.SECONDS));

        SliceSeries other = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> store.slices("team-b/checkout", endpoint, QUERY, end - 12, end, now));

        assertEquals(12, other.size());
        assertTrue(Double.isNaN(other.total(end - 1)), "no series is no data");
        assertTrue(!stalled.isDone(), "the first query is still stalled: the second did not wait for it");
    }
}
