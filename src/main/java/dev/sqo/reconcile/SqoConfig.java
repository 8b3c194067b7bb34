package dev.sqo.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The operator's own settings (application.properties, environment, Helm values). */
@ConfigMapping(prefix = "sqo")
public interface SqoConfig {

    Prometheus prometheus();

    Reconcile reconcile();

    interface Prometheus {
        /** Prometheus used for every ServiceQuality without spec.prometheus. */
        @WithDefault("http://prometheus-operated.monitoring.svc:9090")
        String url();

        @WithDefault("10s")
        Duration timeout();

        /** URL prefixes a spec.prometheus.url may match; none by default, so overrides are refused. */
        Optional<List<String>> allowedUrls();
    }

    interface Reconcile {
        /** How often each ServiceQuality is evaluated again. */
        @WithDefault("30s")
        Duration interval();
    }
}
