package dev.sqo.metrics;

import java.net.URI;
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
     * Identifies what this endpoint may see: the URL and the credentials. A gateway that picks the tenant by token
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
