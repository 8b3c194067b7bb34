package dev.sqo.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prometheus that answers its headers and then misbehaves in the body: stalls, drips, or never ends. Each query
 * fails within its deadline, and the connection is dropped rather than left to a thread that waits on it.
 */
class MisbehavingPrometheusTest {

    private static final byte[] START = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    /** Released when the server's handler saw the client hang up (its write failed) or the test ended. */
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private final CountDownLatch testOver = new CountDownLatch(1);

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /** Sends 200 and chunked headers at once, then the body as {@code body} writes it. */
    private PrometheusEndpoint serve(Body body, Duration timeout) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> respond(exchange, body));
        server.start();
        return new PrometheusEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), timeout,
                Optional.of("Bearer s3cr3t-token"), Optional.empty());
    }

    private void respond(HttpExchange exchange, Body body) {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(START);
            out.flush();
            body.write(out);
        } catch (IOException e) {
            hungUp.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    @Test
    void aBodyThatStallsAfterTheHeadersFailsWithinTheTimeout() throws Exception {
        PrometheusEndpoint e = serve(out -> testOver.await(), Duration.ofSeconds(1));
        PrometheusQueryException x = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                PrometheusQueryException.class, () -> new HttpPrometheusApi().query(e, "up", Instant.now())));
        assertTrue(x.getMessage().contains("did not answer within 1s for query up"), x.getMessage());
    }

    @Test
    void aBodyThatDripsAByteASecondFailsWithinTheTimeoutAndIsHungUpOn() throws Exception {
        PrometheusEndpoint e = serve(out -> {
            while (true) {
                out.write(' ');
                out.flush();
                Thread.sleep(1000);
            }
        }, Duration.ofSeconds(2));
        PrometheusQueryException x = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> assertThrows(
                PrometheusQueryException.class, () -> new HttpPrometheusApi().query(e, "up", Instant.now())));
        assertTrue(x.getMessage().contains("did not answer within 2s for query up"), x.getMessage());
        assertTrue(hungUp.await(5, TimeUnit.SECONDS), "sqo still holds the connection the server drips into");
    }

    @Test
    void aBodyThatNeverEndsIsCutAtTheSizeCapAndNotEchoed() throws Exception {
        byte[] series = "{\"metric\":{\"secret\":\"hunter2\"},\"value\":[1700000000,\"1\"]},".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[series.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(series, 0, chunk, i * series.length, series.length);
        }
        PrometheusEndpoint e = serve(out -> {
            while (true) {
                out.write(chunk);
            }
        }, Duration.ofSeconds(60));
        PrometheusQueryException x = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PrometheusQueryException.class, () -> new HttpPrometheusApi().query(e, "up", Instant.now())));
        assertTrue(x.getMessage().contains("more than 16 MiB"), x.getMessage());
        assertFalse(x.getMessage().contains("hunter2"), x.getMessage());
        assertFalse(x.getMessage().contains("s3cr3t"), x.getMessage());
        assertTrue(hungUp.await(5, TimeUnit.SECONDS), "sqo still reads the endless body");
    }

    @Test
    void aBodyOverAConfiguredCapFailsEvenWhenItEnds() throws Exception {
        byte[] padding = new byte[4096];
        Arrays.fill(padding, (byte) ' ');
        PrometheusEndpoint e = serve(out -> {
            out.write(padding);
            out.write("]}}".getBytes(StandardCharsets.UTF_8));
        }, Duration.ofSeconds(5));
        PrometheusQueryException x = assertThrows(PrometheusQueryException.class,
                () -> new HttpPrometheusApi(1024).query(e, "up", Instant.now()));
        assertTrue(x.getMessage().contains("more than 1 KiB"), x.getMessage());
        assertTrue(new HttpPrometheusApi(8192).query(e, "up", Instant.now()).isEmpty());
    }
}
