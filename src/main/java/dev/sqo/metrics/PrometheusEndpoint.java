package dev.sqo.metrics;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how to query Prometheus. {@link #toString()} shows the URL only: the authorization header and the CA
 * bundle never reach a log line or a status message.
 *
 * @param authorization value of the Authorization header, if any
 * @param caBundlePem    PEM certificates to trust instead of the JVM's defaults, if any
 */
public record PrometheusEndpoint(URI url, Duration timeout, Optional<String> authorization,
                                 Optional<String> caBundlePem) {

    public static PrometheusEndpoint anonymous(URI url, Duration timeout) {
        return new PrometheusEndpoint(url, timeout, Optional.empty(), Optional.empty());
    }

    /**
     * This endpoint with a parameter in the URL of every request: the tenant for a label-enforcing proxy in front of
     * Prometheus (prom-label-proxy reads it from the URL's query, {@code ?namespace=team-a}).
     */
    public PrometheusEndpoint withQueryParameter(String name, String value) {
        String parameter = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        String base = url.toString();
        return new PrometheusEndpoint(URI.create(base + (url.getRawQuery() == null ? "?" : "&") + parameter), timeout,
                authorization, caBundlePem);
    }

    /**
     * Identifies what this endpoint may see: the URL (with a label proxy's tenant) and the credentials. A gateway that picks the tenant by token
     * must not hand one tenant's cached slices to another. The credentials enter only as a hash.
     */
    public String cacheKey() {
        return url + "#" + Integer.toHexString(java.util.Objects.hash(authorization, caBundlePem));
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
