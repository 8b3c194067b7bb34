package dev.sqo.reconcile;

import dev.sqo.api.NamespaceConfinement;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.TimedPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusApi;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Wires the plain-Java evaluation path from configuration; evaluation and optimization share one Prometheus client. */
public class EvaluationBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PrometheusApi prometheus(SqoConfig config, MeterRegistry registry) {
        return new TimedPrometheusApi(new HttpPrometheusApi(config.prometheus().maxResponseSize().asLongValue()), registry);
    }

    @Produces
    @Singleton
    ServiceQualityEvaluator evaluator(SqoConfig config, PrometheusApi prometheus) {
        PrometheusEndpoint defaultEndpoint = PrometheusEndpoint.anonymous(URI.create(config.prometheus().url()),
                config.prometheus().timeout());
        PrometheusAllowlist allowlist = new PrometheusAllowlist(config.prometheus().allowedUrls().orElse(List.of()));
        Optional<NamespaceConfinement> confinement = config.prometheus().tenancy() == SqoConfig.Tenancy.NAMESPACED
                ? Optional.of(new NamespaceConfinement(config.prometheus().namespaceLabel())) : Optional.empty();
        return new ServiceQualityEvaluator(new SliObserver(prometheus),
                new PrometheusEndpointResolver(defaultEndpoint, allowlist, config.prometheus().labelProxyParameter()), confinement);
    }

    @Produces
    @Singleton
    SignalCollector signalCollector(PrometheusApi prometheus) {
        return new SignalCollector(prometheus);
    }
}
