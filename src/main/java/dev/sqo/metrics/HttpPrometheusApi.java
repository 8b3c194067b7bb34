package dev.sqo.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus HTTP API over the JDK's HTTP client; one client per distinct CA bundle, the most recently used
 * {@value #MAX_CLIENTS} of them. A query has one deadline, the endpoint's timeout, for the whole exchange: the
 * client's own request timeout ends at the headers, and a body that stalls or drips would otherwise hold the
 * calling thread for ever. Bodies are read up to a cap, so a server cannot fill the operator's memory.
 */
public final class HttpPrometheusApi implements PrometheusApi {

    /**
     * The default cap of a response body. sqo's largest range queries hold a few series of at most 10,000 points
     * (SLI slices) or one series per pod at each minute of a trigger's span: about 35 bytes a point, a few MiB for a
     * workload of a thousand pods. Several such bodies, parsed, must fit in the operator's 512 MiB.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;
    /**
     * Clients kept at once. Each holds a selector thread and its connections until it is unreferenced; a client
     * forgotten here while a query still uses it is freed when that query ends.
     */
    static final int MAX_CLIENTS = 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Hangs up on bodies past their deadline; one daemon thread for every query, as it only ever cancels. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqo-prometheus-deadlines");
        t.setDaemon(true);
        return t;
    });
    /** The error types of the Prometheus HTTP API; anything else a server sends is not repeated. */
    private static final java.util.Set<String> ERROR_TYPES = java.util.Set.of("bad_data", "timeout", "canceled",
            "execution", "internal", "unavailable", "not_found", "not_acceptable");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<Optional<String>, HttpClient> clients = Collections.synchronizedMap(new LruMap<>(MAX_CLIENTS));
    private final long maxResponseBytes;

    public HttpPrometheusApi() {
        this(DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes bodies larger than this fail the query */
    public HttpPrometheusApi(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) throws PrometheusQueryException {
        return call(endpoint, "query", promql, "query=" + enc(promql) + "&time=" + seconds(time)).series();
    }

    @Override
    public PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
            throws PrometheusQueryException {
        return call(endpoint, "query_range", promql, "query=" + enc(promql) + "&start=" + seconds(start)
                + "&end=" + seconds(end) + "&step=" + step.toSeconds());
    }

    private PromAnswer call(PrometheusEndpoint endpoint, String api, String promql, String form)
            throws PrometheusQueryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(apiUri(endpoint.url(), api))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        endpoint.authorization().ifPresent(a -> request.header("Authorization", a));
        BoundedBody body = new BoundedBody(maxResponseBytes);
        // The calling thread sends and waits, as the client's own send does (sendAsync would hand the answer over
        // to another thread, which costs a tenth of a steady cycle); the request's timeout covers the headers and a
        // watchdog hangs up on a body still not read whole at the deadline.
        ScheduledFuture<?> watchdog = DEADLINES.schedule(body::abort, endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS);
        HttpResponse<byte[]> response;
        try {
            response = client(endpoint).send(request.build(), info -> body);
        } catch (InterruptedException e) {
            body.abort();
            Thread.currentThread().interrupt();
            throw new PrometheusQueryException("interrupted while querying Prometheus at " + endpoint, e);
        } catch (IOException e) {
            if (e instanceof HttpTimeoutException || body.aborted()) {
                throw timedOut(endpoint, promql, e);
            }
            Throwable cause = e.getCause() instanceof BoundedBody.TooLarge ? e.getCause() : e;
            if (cause instanceof BoundedBody.TooLarge) {
                throw new PrometheusQueryException("Prometheus at " + endpoint + " answered query " + promql + " with "
                        + cause.getMessage() + ", more than sqo reads (sqo.prometheus.max-response-size)", cause);
            }
            throw new PrometheusQueryException("cannot reach Prometheus at " + endpoint + " ("
                    + cause.getClass().getSimpleName() + ")", cause);
        } finally {
            watchdog.cancel(false);
        }
        return parse(endpoint, promql, response);
    }

    private static PrometheusQueryException timedOut(PrometheusEndpoint endpoint, String promql, Throwable cause) {
        return new PrometheusQueryException("Prometheus at " + endpoint + " did not answer within "
                + endpoint.timeout().toSeconds() + "s for query " + promql, cause);
    }

    private PromAnswer parse(PrometheusEndpoint endpoint, String promql, HttpResponse<byte[]> response)
            throws PrometheusQueryException {
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            throw new PrometheusQueryException("Prometheus at " + endpoint + " refused the credentials (HTTP " + code + ")");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.has("status")) {
            throw new PrometheusQueryException("Prometheus at " + endpoint + " answered HTTP " + code
                    + " with something that is not a Prometheus API response, for query " + promql);
        }
        if (!"success".equals(body.path("status").asText())) {
            // errorType is one of Prometheus's fixed words; the free-text error is not repeated (see class doc).
            String type = body.path("errorType").asText();
            throw new PrometheusQueryException("Prometheus at " + endpoint + " rejected query " + promql + " ("
                    + (ERROR_TYPES.contains(type) ? type : "error") + ", HTTP " + code + ")");
        }
        // Warnings mean the answer may lack samples that exist (a partial response). Infos (Prometheus 3) only
        // comment on the query, e.g. a metric name that does not look like a counter, and leave the answer whole.
        boolean partial = !body.path("warnings").isEmpty();
        try {
            return new PromAnswer(series(body.path("data")), partial);
        } catch (RuntimeException e) {
            throw new PrometheusQueryException("Prometheus at " + endpoint + " answered query " + promql
                    + " with a malformed result (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<PromSeries> series(JsonNode data) {
        List<PromSeries> out = new ArrayList<>();
        String type = data.path("resultType").asText();
        if ("scalar".equals(type)) {
            JsonNode v = data.path("result");
            out.add(new PromSeries(Map.of(), new long[]{v.get(0).asLong()}, new double[]{value(v.get(1))}));
            return out;
        }
        for (JsonNode s : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            JsonNode samples = s.has("values") ? s.get("values") : json1(s.get("value"));
            long[] ts = new long[samples.size()];
            double[] vs = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                ts[i] = (long) samples.get(i).get(0).asDouble();
                vs[i] = value(samples.get(i).get(1));
            }
            out.add(new PromSeries(labels, ts, vs));
        }
        return out;
    }

    private static JsonNode json1(JsonNode sample) {
        return JSON.createArrayNode().add(sample);
    }

    /** Prometheus sends values as strings, including "NaN" and "+Inf". */
    private static double value(JsonNode v) {
        return switch (v.asText()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v.asText());
        };
    }

    /** Clients held now, for tests. */
    int clients() {
        return clients.size();
    }

    private HttpClient client(PrometheusEndpoint endpoint) throws PrometheusQueryException {
        try {
            return clients.computeIfAbsent(endpoint.caBundlePem(), ca -> {
                HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER);
                ca.ifPresent(pem -> b.sslContext(trusting(pem)));
                return b.build();
            });
        } catch (IllegalArgumentException e) {
            throw new PrometheusQueryException("the CA bundle for Prometheus at " + endpoint + " is not valid PEM: "
                    + e.getMessage());
        }
    }

    private static SSLContext trusting(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException("no certificate found");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(e.getClass().getSimpleName(), e);
        }
    }

    /** The API's path under the base URL's path; the base's query (a label proxy's tenant) stays the query. */
    private static URI apiUri(URI base, String api) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + (path.endsWith("/") ? path : path + "/") + "api/v1/"
                + api + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return Long.toString(t.getEpochSecond());
    }
}
