package dev.sqo.metrics;

import dev.sqo.api.PrometheusSource;
import dev.sqo.api.SecretKeySelector;
import dev.sqo.slo.PromDuration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Decides which Prometheus a ServiceQuality is evaluated against, and with which credentials. */
public final class PrometheusEndpointResolver {

    /** The longest a ServiceQuality may let one of its queries take. */
    static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(2);

    private final PrometheusEndpoint defaultEndpoint;
    private final PrometheusAllowlist allowlist;
    private final Optional<String> tenantParameter;

    public PrometheusEndpointResolver(PrometheusEndpoint defaultEndpoint, PrometheusAllowlist allowlist) {
        this(defaultEndpoint, allowlist, Optional.empty());
    }

    /**
     * @param tenantParameter the URL parameter that names the resource's namespace in every request, for a
     *                        label-enforcing proxy such as prom-label-proxy; empty for none
     */
    public PrometheusEndpointResolver(PrometheusEndpoint defaultEndpoint, PrometheusAllowlist allowlist,
                                      Optional<String> tenantParameter) {
        this.defaultEndpoint = defaultEndpoint;
        this.allowlist = allowlist;
        this.tenantParameter = tenantParameter;
    }

    public PrometheusEndpoint resolve(PrometheusSource source, String namespace, SecretSource secrets)
            throws EndpointRefusedException {
        PrometheusEndpoint endpoint = source == null ? defaultEndpoint : override(source, namespace, secrets);
        return tenantParameter.map(p -> endpoint.withQueryParameter(p, namespace)).orElse(endpoint);
    }

    /**
     * A tenant's timeout, at most {@link #LONGEST_TIMEOUT}: a query holds one of the operator's reconcile threads
     * while it waits, and a Prometheus that stalls must not hold it for the days the field's syntax allows.
     */
    private static Duration longest(Duration asked) {
        return asked.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : asked;
    }

    private PrometheusEndpoint override(PrometheusSource source, String namespace, SecretSource secrets)
            throws EndpointRefusedException {
        URI url;
        try {
            url = URI.create(source.url);
        } catch (IllegalArgumentException e) {
            throw new EndpointRefusedException("InvalidPrometheusURL", "spec.prometheus.url is not a valid URL");
        }
        if (!allowlist.allows(url)) {
            throw new EndpointRefusedException("PrometheusNotAllowed", "spec.prometheus.url " + safe(url)
                    + " is not in the operator's allowlist (sqo.prometheus.allowed-urls); "
                    + (allowlist.isEmpty() ? "the allowlist is empty, so only the default Prometheus can be used"
                    : "ask a cluster admin to add it, or remove spec.prometheus to use the default"));
        }
        Duration timeout = source.timeout == null ? defaultEndpoint.timeout() : longest(PromDuration.parse(source.timeout));
        Optional<String> authorization = Optional.empty();
        if (source.bearerTokenSecret != null) {
            authorization = Optional.of("Bearer " + secret(source.bearerTokenSecret.name, source.bearerTokenSecret.key,
                    namespace, secrets, "spec.prometheus.bearerTokenSecret").trim());
        } else if (source.basicAuthSecret != null) {
            String user = secret(source.basicAuthSecret.name, source.basicAuthSecret.usernameKey, namespace, secrets,
                    "spec.prometheus.basicAuthSecret");
            String password = secret(source.basicAuthSecret.name, source.basicAuthSecret.passwordKey, namespace, secrets,
                    "spec.prometheus.basicAuthSecret");
            authorization = Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        Optional<String> ca = Optional.empty();
        if (source.caSecret != null) {
            SecretKeySelector c = source.caSecret;
            ca = Optional.of(secret(c.name, c.key, namespace, secrets, "spec.prometheus.caSecret"));
        }
        return new PrometheusEndpoint(url, timeout, authorization, ca);
    }

    private static String secret(String name, String key, String namespace, SecretSource secrets, String field)
            throws EndpointRefusedException {
        String value = secrets.value(namespace, name, key).orElseThrow(() -> new EndpointRefusedException("SecretUnavailable",
                field + ": key '" + key + "' of Secret " + namespace + "/" + name + " cannot be read"));
        if (!field.endsWith("caSecret") && value.trim().chars().anyMatch(Character::isISOControl)) {
            throw new EndpointRefusedException("SecretUnavailable", field + ": key '" + key + "' of Secret " + namespace
                    + "/" + name + " holds control characters and cannot be sent in an HTTP header");
        }
        return value;
    }

    /** The URL without anything that could carry a credential. */
    private static String safe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
