package dev.sqo.metrics;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every distinct CA bundle needs its own HTTP client, and each client holds a selector thread and connections: a
 * tenant who writes many bundles must not make the operator hold as many clients.
 */
class PrometheusClientsTest {

    @TempDir
    Path dir;
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void distinctCaBundlesAreServedByABoundedNumberOfClients() throws Exception {
        URI url = prometheus();
        String ca = selfSignedCertificate();
        HttpPrometheusApi api = new HttpPrometheusApi();
        // The same certificate listed k times: a distinct bundle each, as distinct as a tenant can make them.
        for (int k = 1; k <= 2 * HttpPrometheusApi.MAX_CLIENTS; k++) {
            api.query(new PrometheusEndpoint(url, Duration.ofSeconds(5), Optional.empty(), Optional.of(ca.repeat(k))), "up", Instant.now());
        }
        assertEquals(HttpPrometheusApi.MAX_CLIENTS, api.clients());

        api.query(new PrometheusEndpoint(url, Duration.ofSeconds(5), Optional.empty(), Optional.of(ca.repeat(1))), "up", Instant.now());
        assertEquals(HttpPrometheusApi.MAX_CLIENTS, api.clients(), "a forgotten bundle gets a client again, within the bound");
    }

    private URI prometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A CA certificate in PEM, made by the JDK's keytool. */
    private String selfSignedCertificate() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String store = dir.resolve("ca.p12").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test-ca", "-validity", "2",
                "-keystore", store, "-storepass", "changeit"));
        return run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store, "-storepass", "changeit"));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
