package dev.sqo.reconcile;

import dev.sqo.api.Optimization;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator's own settings (application.properties, environment, Helm values). */
@ConfigMapping(prefix = "sqo")
public interface SqoConfig {

    Prometheus prometheus();

    Reconcile reconcile();

    Rules rules();

    Tuning tuning();

    LeaderElection leaderElection();

    OptimizationDefaults optimization();

    interface OptimizationDefaults {
        /** The mode of ServiceQualities without spec.optimization: Recommend, or Off to compute nothing for them. */
        @WithDefault("Recommend")
        DefaultMode defaultMode();
    }

    /** Auto is not offered: sqo acts only where a ServiceQuality asks it to, within the bounds it sets. */
    enum DefaultMode {
        Off(Optimization.Mode.Off), Recommend(Optimization.Mode.Recommend);

        public final Optimization.Mode mode;

        DefaultMode(Optimization.Mode mode) {
            this.mode = mode;
        }
    }

    interface LeaderElection {
        /**
         * Whether replicas elect a leader through a Lease, so that only one reconciles and acts. Only in the prod
         * profile: tests and the playground run one operator.
         */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("sqo-operator")
        String leaseName();

        /** Namespace of the Lease; by default the operator's own (its service account's, or the kubeconfig's). */
        Optional<String> leaseNamespace();
    }

    interface Tuning {
        /**
         * Who applies NodeTuningProfiles on the nodes: sqo's node agent, or TuneD through the OpenShift Node Tuning
         * Operator. Configured, not detected: the chart grants the rights for Tuned objects from the same value.
         */
        @WithDefault("Agent")
        TuningMechanism mechanism();

        /** Namespace of the OpenShift Node Tuning Operator, where sqo's Tuned objects go. */
        @WithDefault("openshift-cluster-node-tuning-operator")
        String tunedNamespace();
    }

    enum TuningMechanism {
        Agent, Tuned
    }

    interface Rules {
        /**
         * auto: a PrometheusRule when the Prometheus Operator's CRD is installed, else a ConfigMap;
         * prometheusrule, configmap: always that; off: publish nothing.
         */
        @WithDefault("auto")
        RulesMode mode();

        /** Labels on every PrometheusRule/ConfigMap, to match a Prometheus ruleSelector (e.g. release=prometheus). */
        Map<String, String> labels();

        /** How long sqo trusts its last look at whether the PrometheusRule CRD is installed. */
        @WithDefault("60s")
        Duration crdCheckInterval();
    }

    enum RulesMode {
        AUTO, PROMETHEUSRULE, CONFIGMAP, OFF
    }

    interface Prometheus {
        /** Prometheus used for every ServiceQuality without spec.prometheus. */
        @WithDefault("http://prometheus-operated.monitoring.svc:9090")
        String url();

        /** The deadline of one query, the whole answer included. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * The largest answer sqo reads (e.g. 16M, 64M); a larger one fails its query. sqo's own queries stay far below
         * the default; a Prometheus (or a server posing as one) that sends more cannot fill the operator's memory.
         */
        @WithDefault("16M")
        MemorySize maxResponseSize();

        /** URL prefixes a spec.prometheus.url may match; none by default, so overrides are refused. */
        Optional<List<String>> allowedUrls();

        /**
         * Which series a ServiceQuality's queries may read. shared (the default, as before): any, with the operator's
         * identity. namespaced: only those of the ServiceQuality's own namespace, by a matcher on every selector.
         */
        @WithDefault("shared")
        Tenancy tenancy();

        /** The label that holds a series' namespace, which namespaced tenancy matches on. */
        @WithDefault("namespace")
        String namespaceLabel();

        /**
         * A URL parameter that names the ServiceQuality's namespace in every query, for a label-enforcing proxy
         * (prom-label-proxy with -label namespace reads ?namespace=...); none by default.
         */
        Optional<String> labelProxyParameter();
    }

    enum Tenancy {
        SHARED, NAMESPACED
    }

    interface Reconcile {
        /** How often each ServiceQuality is evaluated again. */
        @WithDefault("30s")
        Duration interval();
    }
}
