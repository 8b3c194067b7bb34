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
        this.prefixes = prefixes.stream().map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).map(URI::normalize).toList();
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    public boolean allows(URI url) {
        URI u = url.normalize();
        if (u.getRawUserInfo() != null || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getRawPath() != null && u.getRawPath().contains(".."))) {
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
