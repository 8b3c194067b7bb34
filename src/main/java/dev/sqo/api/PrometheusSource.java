package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!(has(self.bearerTokenSecret) && has(self.basicAuthSecret))",
        message = "set at most one of bearerTokenSecret and basicAuthSecret")
public class PrometheusSource {

    @Required
    @Size(max = 2048)
    @Pattern("^https?://[^@\\s]+$")
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. https://prometheus.monitoring.svc:9090. "
            + "Credentials in the URL are refused; use a Secret.")
    public String url;

    @Pattern(Durations.TIMEOUT_PATTERN)
    @JsonPropertyDescription("Timeout of one query, body included, e.g. 10s; at most 2m. Defaults to the operator's configured timeout.")
    public String timeout;

    @JsonPropertyDescription("Secret key in this namespace holding a bearer token sent as 'Authorization: Bearer'.")
    public SecretKeySelector bearerTokenSecret;

    @JsonPropertyDescription("Secret in this namespace holding a username and password for HTTP basic auth.")
    public BasicAuthSecret basicAuthSecret;

    @JsonPropertyDescription("Secret key in this namespace holding the PEM CA bundle that signed the server's certificate.")
    public SecretKeySelector caSecret;
}
