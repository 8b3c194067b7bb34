package dev.sqo.metrics;

import dev.sqo.api.BasicAuthSecret;
import dev.sqo.api.PrometheusSource;
import dev.sqo.api.SecretKeySelector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusEndpointResolverTest {

    private static final PrometheusEndpoint DEFAULT = PrometheusEndpoint.anonymous(URI.create("http://prometheus:9090"),
            Duration.ofSeconds(10));
    private static final Map<String, String> SECRETS = Map.of("team-a/prom/token", "tok\n", "team-a/basic/username", "u",
            "team-a/basic/password", "p");
    private static final SecretSource SOURCE = (ns, name, key) -> Optional.ofNullable(SECRETS.get(ns + "/" + name + "/" + key));

    private static PrometheusSource source(String url) {
        PrometheusSource s = new PrometheusSource();
        s.url = url;
        return s;
    }

    @Test
    void noOverrideUsesTheDefault() throws Exception {
        assertSame(DEFAULT, new PrometheusEndpointResolver(DEFAULT, new PrometheusAllowlist(List.of())).resolve(null, "a", SOURCE));
    }

    @Test
    void emptyAllowlistRefusesEveryOverride() {
        EndpointRefusedException e = assertThrows(EndpointRefusedException.class,
                () -> new PrometheusEndpointResolver(DEFAULT, new PrometheusAllowlist(List.of()))
                        .resolve(source("https://prom.team-a:9090"), "team-a", SOURCE));
        assertEquals("PrometheusNotAllowed", e.reason());
        assertTrue(e.getMessage().contains("the allowlist is empty"), e.getMessage());
    }

    @Test
    void aTenantsTimeoutIsAtMostTwoMinutes() throws Exception {
        PrometheusSource s = source("https://prom.team-a:9090/prometheus");
        s.timeout = "9999m";
        PrometheusEndpoint e = new PrometheusEndpointResolver(DEFAULT,
                new PrometheusAllowlist(List.of("https://prom.team-a:9090"))).resolve(s, "team-a", SOURCE);
        assertEquals(Duration.ofMinutes(2), e.timeout(), "a stalled query must not hold a reconcile thread for days");
    }

    @Test
    void allowlistedOverrideWithBearerToken() throws Exception {
        PrometheusSource s = source("https://prom.team-a:9090/prometheus");
        s.bearerTokenSecret = new SecretKeySelector();
        s.bearerTokenSecret.name = "prom";
        s.bearerTokenSecret.key = "token";
        s.timeout = "5s";
        PrometheusEndpoint e = new PrometheusEndpointResolver(DEFAULT,
                new PrometheusAllowlist(List.of("https://prom.team-a:9090"))).resolve(s, "team-a", SOURCE);
        assertEquals(Optional.of("Bearer tok"), e.authorization());
        assertEquals(Duration.ofSeconds(5), e.timeout());
    }

    @Test
    void basicAuth() throws Exception {
        PrometheusSource s = source("https://prom.team-a:9090");
        s.basicAuthSecret = new BasicAuthSecret();
        s.basicAuthSecret.name = "basic";
        PrometheusEndpoint e = new PrometheusEndpointResolver(DEFAULT,
                new PrometheusAllowlist(List.of("https://prom.team-a:9090/"))).resolve(s, "team-a", SOURCE);
        assertEquals(Optional.of("Basic " + Base64.getEncoder().encodeToString("u:p".getBytes())), e.authorization());
    }

    @Test
    void missingSecretIsNamedButNotItsValue() {
        PrometheusSource s = source("https://prom.team-a:9090");
        s.bearerTokenSecret = new SecretKeySelector();
        s.bearerTokenSecret.name = "prom";
        s.bearerTokenSecret.key = "missing";
        EndpointRefusedException e = assertThrows(EndpointRefusedException.class,
                () -> new PrometheusEndpointResolver(DEFAULT, new PrometheusAllowlist(List.of("https://prom.team-a:9090")))
                        .resolve(s, "team-a", SOURCE));
        assertEquals("SecretUnavailable", e.reason());
        assertTrue(e.getMessage().contains("key 'missing' of Secret team-a/prom"), e.getMessage());
    }

    @Test
    void allowlistMatchesWholeHostsAndPathSegments() {
        PrometheusAllowlist a = new PrometheusAllowlist(List.of("https://prom.example.com/team-a", "http://thanos:10902"));
        assertTrue(a.allows(URI.create("https://prom.example.com/team-a")));
        assertTrue(a.allows(URI.create("https://PROM.example.com:443/team-a/api")));
        assertTrue(a.allows(URI.create("http://thanos:10902/")));
        assertFalse(a.allows(URI.create("https://prom.example.com/team-ab")), "not a whole path segment");
        assertFalse(a.allows(URI.create("https://prom.example.com.evil.io/team-a")));
        assertFalse(a.allows(URI.create("http://prom.example.com/team-a")), "scheme differs");
        assertFalse(a.allows(URI.create("https://prom.example.com:8443/team-a")), "port differs");
        assertFalse(a.allows(URI.create("https://prom.example.com/team-a/../admin")));
        assertFalse(a.allows(URI.create("https://user:pw@prom.example.com/team-a")));
        assertFalse(a.allows(URI.create("http://thanos:10903")));
    }

    @Test
    void tokenWithControlCharactersIsRefusedWithoutShowingIt() {
        SecretSource source = (ns, name, key) -> Optional.of("abc\r\nX-Injected: secret-part");
        PrometheusSource s = source("https://prom.team-a:9090");
        s.bearerTokenSecret = new SecretKeySelector();
        s.bearerTokenSecret.name = "prom";
        s.bearerTokenSecret.key = "token";
        EndpointRefusedException e = assertThrows(EndpointRefusedException.class,
                () -> new PrometheusEndpointResolver(DEFAULT, new PrometheusAllowlist(List.of("https://prom.team-a:9090")))
                        .resolve(s, "team-a", source));
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-part"));
    }

    @Test
    void allowlistEntryThatIsNotAUrlIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusAllowlist(List.of("prometheus.monitoring.svc:9090")));
        assertTrue(e.getMessage().startsWith("sqo.prometheus.allowed-urls:"), e.getMessage());
    }

    @Test
    void encodedDotSegmentsDoNotEscapeThePrefix() {
        PrometheusAllowlist a = new PrometheusAllowlist(List.of("https://prom.example.com/team-a"));
        assertFalse(a.allows(URI.create("https://prom.example.com/team-a/%2e%2e/admin")));
    }
}
