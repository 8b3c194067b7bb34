package dev.sqo.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.slo.SliceSeries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A Prometheus on 127.0.0.1 whose answers have gaps: it serves the two parts {@code errors} and {@code total} of an
 * SLI query (a query naming {@code sqo_part}, unless it is a baseline of {@code sqo_day}s; other range queries
 * get no series), per 5-minute slice, from a function that may leave slices out; it can flag its answers with warnings
 * as a Thanos partial response does, and fail range queries with a 503. Instant queries get an empty vector. Every
 * range query is remembered as the slices it asked for.
 */
public final class GappyPrometheus implements AutoCloseable {

    /** The slices [first, end) of one range query. */
    public record Asked(long first, long end) {
        public long slices() {
            return end - first;
        }
    }

    private final HttpServer server;
    private final List<Asked> asked = new ArrayList<>();
    private volatile LongFunction<double[]> counts = slice -> new double[]{1, 100};
    private volatile boolean warnings;
    private volatile boolean infos;
    private volatile LongPredicate failing = slice -> false;

    private GappyPrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query_range", this::range);
        server.createContext("/api/v1/query", exchange -> send(exchange, 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        server.start();
    }

    public static GappyPrometheus start() {
        try {
            return new GappyPrometheus();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PrometheusEndpoint endpoint() {
        return PrometheusEndpoint.anonymous(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    /** {errors, total} of a slice, or null to leave the slice out of the answer. */
    public GappyPrometheus counts(LongFunction<double[]> counts) {
        this.counts = counts;
        return this;
    }

    /** Whether answers carry warnings, as a partial response does. */
    public GappyPrometheus warnings(boolean warnings) {
        this.warnings = warnings;
        return this;
    }

    /** Whether answers carry infos, as Prometheus 3 adds for a query it finds odd (and whose answer is whole). */
    public GappyPrometheus infos(boolean infos) {
        this.infos = infos;
        return this;
    }

    /** Range queries reaching back to a slice this matches are answered 503. */
    public GappyPrometheus failing(LongPredicate firstSlice) {
        this.failing = firstSlice;
        return this;
    }

    public synchronized List<Asked> asked() {
        return List.copyOf(asked);
    }

    public synchronized void forget() {
        asked.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void range(HttpExchange exchange) throws IOException {
        Map<String, String> params = new HashMap<>();
        for (String kv : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] p = kv.split("=", 2);
            params.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        long start = Long.parseLong(params.get("start"));
        long end = Long.parseLong(params.get("end"));
        long step = Long.parseLong(params.get("step"));
        // The value at a slice's end covers the slice.
        Asked query = new Asked(start / step - 1, end / step);
        synchronized (this) {
            asked.add(query);
        }
        if (failing.test(query.first())) {
            send(exchange, 503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"store gateway down\"}");
            return;
        }
        StringBuilder errors = new StringBuilder();
        StringBuilder totals = new StringBuilder();
        String promql = params.getOrDefault("query", "");
        boolean sli = promql.contains("sqo_part") && !promql.contains("sqo_day");
        for (long ts = start; sli && ts <= end; ts += step) {
            double[] c = counts.apply(ts / SliceSeries.SLICE_SECONDS - 1);
            if (c != null) {
                String sep = errors.length() == 0 ? "" : ",";
                errors.append(sep).append("[").append(ts).append(",\"").append(c[0]).append("\"]");
                totals.append(sep).append("[").append(ts).append(",\"").append(c[1]).append("\"]");
            }
        }
        String result = !sli ? "" : "{\"metric\":{\"sqo_part\":\"errors\"},\"values\":[" + errors + "]},"
                + "{\"metric\":{\"sqo_part\":\"total\"},\"values\":[" + totals + "]}";
        send(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + result + "]}"
                + (warnings ? ",\"warnings\":[\"partial response: store 10.0.0.7:10901 unavailable\"]" : "")
                + (infos ? ",\"infos\":[\"PromQL info: metric might not be a counter, name does not end in _total\"]" : "") + "}");
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
