package dev.sqo.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the operator's default Prometheus at the shared test Prometheus. */
public class PrometheusTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("sqo.prometheus.url", TestPrometheus.url().toString());
    }

    @Override
    public void stop() {
        // The shared Prometheus outlives one test class; TestPrometheus stops it when the JVM exits.
    }
}
