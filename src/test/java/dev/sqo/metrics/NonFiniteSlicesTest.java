package dev.sqo.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.sqo.slo.SliceSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prometheus that answers +Inf and -Inf (a broken exporter, a counter reset gone wrong, a proxy that lies): an
 * infinite count is no data, never a number the budget is computed from, and never read as "no errors".
 */
class NonFiniteSlicesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long END = SliceSeries.indexAt(NOW);
    /** Errors are read as absent-means-none, as for a ratio whose errors are of total's metric. */
    private static final SliQuery QUERY = new SliQuery("q", parts -> parts.containsKey("total")
            ? new double[]{parts.getOrDefault("errors", 0.0), parts.get("total")} : null);

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Serves errors = 1 and total = 100 at every step of a range query, but the values given for some slices. */
    private PrometheusEndpoint lyingPrometheus(Map<Long, String> errors, Map<Long, String> totals) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query_range", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery() != null ? exchange.getRequestURI().getRawQuery() : body;
            Map<String, String> params = new HashMap<>();
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                params.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
            long start = (long) Double.parseDouble(params.get("start"));
            long end = (long) Double.parseDouble(params.get("end"));
            long step = (long) Double.parseDouble(params.get("step").replace("s", ""));
            StringBuilder e = new StringBuilder();
            StringBuilder t = new StringBuilder();
            for (long ts = start; ts <= end; ts += step) {
                long slice = ts / SliceSeries.SLICE_SECONDS - 1;
                String sep = e.length() == 0 ? "" : ",";
                e.append(sep).append("[").append(ts).append(",\"").append(errors.getOrDefault(slice, "1")).append("\"]");
                t.append(sep).append("[").append(ts).append(",\"").append(totals.getOrDefault(slice, "100")).append("\"]");
            }
            byte[] bytes = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                    + "{\"metric\":{\"sqo_part\":\"errors\"},\"values\":[" + e + "]},"
                    + "{\"metric\":{\"sqo_part\":\"total\"},\"values\":[" + t + "]}]}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return PrometheusEndpoint.anonymous(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @Test
    void anInfiniteCountIsNoDataAndAnInfiniteErrorCountIsNotNoErrors() throws Exception {
        PrometheusEndpoint prometheus = lyingPrometheus(Map.of(END - 2, "+Inf", END - 3, "-Inf"), Map.of(END - 1, "+Inf"));
        SliceSeries s = new SliceStore(new HttpPrometheusApi()).slices("shop/checkout", prometheus, QUERY, END - 10, END, NOW);

        assertTrue(Double.isNaN(s.total(END - 1)) && Double.isNaN(s.bad(END - 1)), "total +Inf: no data");
        assertTrue(Double.isNaN(s.total(END - 2)) && Double.isNaN(s.bad(END - 2)), "errors +Inf: no data, not 0 errors");
        assertTrue(Double.isNaN(s.total(END - 3)) && Double.isNaN(s.bad(END - 3)), "errors -Inf: no data");
        assertEquals(1.0, s.bad(END - 4));
        assertEquals(100.0, s.total(END - 4));
    }
}
