package dev.sqo.metrics;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * URL prefixes a ServiceQuality may point the operator at. Without it a tenant could make the operator send a
 * Secret's credentials to any endpoint. Matching is on scheme, host, port and whole path segments, so
 * "https://prom.example" does not allow "https://prom.example.evil.com" or "https://prom.example/../x".
 */
public final class PrometheusAllowlist {

    private final List<URI> prefixes;

    public PrometheusAllowlist(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(String::trim).filter(s -> !s.isEmpty()).map(PrometheusAllowlist::prefix).toList();
    }

    /** @throws IllegalArgumentException for an entry that is not an absolute http(s) URL: a configuration error */
    private static URI prefix(String entry) {
        URI u;
        try {
            u = URI.create(entry).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sqo.prometheus.allowed-urls: '" + entry + "' is not a URL", e);
        }
        if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
            throw new IllegalArgumentException("sqo.prometheus.allowed-urls: '" + entry
                    + "' must be an absolute http(s) URL such as https://prometheus.monitoring.svc:9090");
        }
        return u;
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    public boolean allows(URI url) {
        URI u = url.normalize();
        if (u.getScheme() == null || u.getRawUserInfo() != null || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getPath() != null && u.getPath().contains(".."))) {
            return false;
        }
        return prefixes.stream().anyMatch(p -> matches(p, u));
    }

    private static boolean matches(URI prefix, URI u) {
        if (!prefix.getScheme().equalsIgnoreCase(u.getScheme())
                || !prefix.getHost().toLowerCase(Locale.ROOT).equals(u.getHost().toLowerCase(Locale.ROOT))
                || port(prefix) != port(u)) {
            return false;
        }
        String p = trimSlash(prefix.getRawPath());
        String path = trimSlash(u.getRawPath());
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
