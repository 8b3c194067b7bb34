package dev.sqo.metrics;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a Prometheus (or something pretending to be one) answers, and what sqo makes of it. */
class HttpPrometheusApiTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    private PrometheusEndpoint serve(int code, String body, long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new PrometheusEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(1),
                Optional.of("Bearer s3cr3t-token"), Optional.empty());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void parsesMatrixWithNaN() throws Exception {
        PrometheusEndpoint e = serve(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"sqo_part":"total"},"values":[[1700000300,"12"],[1700000600,"NaN"]]}]}}""", 0);
        List<PromSeries> s = new HttpPrometheusApi().queryRange(e, "q", Instant.ofEpochSecond(1700000300),
                Instant.ofEpochSecond(1700000600), Duration.ofMinutes(5));
        assertEquals("total", s.get(0).label("sqo_part"));
        assertEquals(12.0, s.get(0).values()[0]);
        assertTrue(Double.isNaN(s.get(0).values()[1]));
        assertEquals("Bearer s3cr3t-token", authorization.get());
    }

    @Test
    void errorBodyIsNeverEchoed() throws Exception {
        PrometheusEndpoint e = serve(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"leaked: password=hunter2\"}", 0);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up{", Instant.now()));
        assertTrue(x.getMessage().contains("rejected query up{ (bad_data, HTTP 400)"), x.getMessage());
        assertFalse(x.getMessage().contains("hunter2"));
        assertFalse(x.getMessage().contains("s3cr3t"));
    }

    @Test
    void somethingThatIsNotPrometheusIsSaidSo() throws Exception {
        PrometheusEndpoint e = serve(200, "<html>internal admin page: token=abc</html>", 0);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up", Instant.now()));
        assertTrue(x.getMessage().contains("not a Prometheus API response"), x.getMessage());
        assertFalse(x.getMessage().contains("token=abc"));
    }

    @Test
    void refusedCredentials() throws Exception {
        PrometheusEndpoint e = serve(401, "denied for s3cr3t-token", 0);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up", Instant.now()));
        assertTrue(x.getMessage().endsWith("refused the credentials (HTTP 401)"), x.getMessage());
    }

    @Test
    void timeout() throws Exception {
        PrometheusEndpoint e = serve(200, "{}", 3000);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up", Instant.now()));
        assertTrue(x.getMessage().contains("did not answer within 1s for query up"), x.getMessage());
    }

    @Test
    void endpointToStringHidesCredentials() throws Exception {
        PrometheusEndpoint e = serve(200, "{}", 0);
        assertFalse(e.toString().contains("s3cr3t"));
    }

    @Test
    void malformedSuccessIsAQueryFailureNotACrash() throws Exception {
        PrometheusEndpoint e = serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}", 0);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up", Instant.now()));
        assertTrue(x.getMessage().contains("malformed result"), x.getMessage());
    }

    @Test
    void unknownErrorTypeIsNotRepeated() throws Exception {
        PrometheusEndpoint e = serve(422, "{\"status\":\"error\",\"errorType\":\"token=abc\"}", 0);
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi().query(e, "up", Instant.now()));
        assertTrue(x.getMessage().endsWith("(error, HTTP 422)"), x.getMessage());
    }
}
