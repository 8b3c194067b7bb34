package dev.sqo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.sqo.reconcile.SqoConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart, through a real helm: lint, and the manifests it renders with default and other values. */
class HelmChartTest {

    private static final Path CHART = RenderedChart.CHART;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void lintPassesStrictly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnes() throws IOException {
        try (Stream<Path> generated = Files.list(Path.of("crds"))) {
            List<Path> files = generated.sorted().toList();
            assertFalse(files.isEmpty());
            for (Path crd : files) {
                Path copy = CHART.resolve("crds").resolve(crd.getFileName());
                assertTrue(Files.exists(copy), copy + " is missing: copy crds/ into helm/sqo/crds/");
                assertEquals(Files.readString(crd), Files.readString(copy), copy + " differs from " + crd + ": copy crds/ into helm/sqo/crds/");
            }
            try (Stream<Path> copies = Files.list(CHART.resolve("crds"))) {
                assertEquals(files.size(), copies.count(), "helm/sqo/crds/ holds a CRD that crds/ does not");
            }
        }
    }

    @Test
    void defaultsRenderALeastPrivilegeHardenedOperator() throws IOException {
        List<JsonNode> manifests = RenderedChart.render(new Helm(CHART).template().withName("sqo").withNamespace("sqo"));

        JsonNode deployment = one(manifests, "Deployment", "sqo");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());
        JsonNode container = pod.path("containers").get(0);
        assertEquals("sqo:0.1.0", container.path("image").asText());
        assertEquals("[\"run\"]", container.path("args").toString());
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());

        for (JsonNode role : roles(manifests)) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    assertFalse(rule.path(field).isEmpty(), role.path("metadata").path("name") + ": " + rule);
                    rule.path(field).forEach(v -> assertFalse(v.asText().contains("*"), "no wildcards: " + rule));
                }
                rule.path("resources").forEach(r -> assertFalse(r.asText().equals("secrets"), "no secrets unless named: " + rule));
            }
        }
        JsonNode clusterRole = one(manifests, "ClusterRole", "sqo");
        assertEquals(List.of("get", "list", "watch", "patch", "update"), verbs(clusterRole, "servicequalities"));
        assertEquals(List.of("patch", "update"), verbs(clusterRole, "servicequalities/status"));
        // Replicas are patched on the workload with their journal, in one write: no scale subresource.
        assertEquals(List.of("get", "patch"), verbs(clusterRole, "deployments"));
        assertEquals(List.of(), verbs(clusterRole, "deployments/scale"));
        assertEquals(List.of("get", "list", "patch"), verbs(clusterRole, "nodes"));
        assertEquals(List.of("create"), verbs(clusterRole, "events"));
        // delete: the rules' previous object after a move between a PrometheusRule and a ConfigMap (RulesPublisher).
        assertEquals(List.of("get", "create", "update", "delete"), verbs(clusterRole, "prometheusrules"));
        assertEquals(List.of("get", "create", "update", "delete"), verbs(clusterRole, "configmaps"));
        // patch: the leader renews its Lease with a patch; get, create and update: the SDK checks for them before it starts.
        assertEquals(List.of("get", "create", "update", "patch"), verbs(one(manifests, "Role", "sqo-leader-election"), "leases"));

        assertTrue(find(manifests, "DaemonSet").isEmpty(), "the node agent is off by default");
        assertTrue(find(manifests, "ServiceMonitor").isEmpty());
        assertEquals(1, find(manifests, "ConfigMap").size(), "no dashboard by default");

        SqoConfig config = config(manifests);
        assertEquals("http://prometheus-operated.monitoring.svc:9090", config.prometheus().url());
        assertEquals(SqoConfig.Tenancy.SHARED, config.prometheus().tenancy(), "as before the setting existed");
        assertTrue(config.prometheus().labelProxyParameter().isEmpty());
        assertEquals(16L << 20, config.prometheus().maxResponseSize().asLongValue());
        assertTrue(config.leaderElection().enabled());
        assertEquals(SqoConfig.DefaultMode.Recommend, config.optimization().defaultMode());
        assertEquals(SqoConfig.TuningMechanism.Agent, config.tuning().mechanism());
        assertTrue(find(manifests, "Role").stream().noneMatch(r -> r.path("metadata").path("name").asText().equals("sqo-tuned")),
                "no rights on Tuned objects unless the operator writes them");
    }

    @Test
    void otherValuesNarrowTheRbacAndAddMonitoringAndTheAgent() throws IOException {
        List<JsonNode> manifests = RenderedChart.render(new Helm(CHART).template().withName("sqo").withNamespace("sqo")
                .set("replicaCount", 2).set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b")
                .set("secretNames[0]", "prometheus-auth").set("serviceMonitor.enabled", true).set("dashboard.enabled", true)
                .set("agent.enabled", true).set("agent.nodeSelector.sqo\\.dev/pool", "latency")
                .set("rules.labels.release", "prometheus").set("optimization.defaultMode", "Off")
                .set("prometheus.allowedUrls[0]", "https://thanos.example.com/")
                .set("prometheus.tenancy", "namespaced").set("prometheus.namespaceLabel", "kubernetes_namespace")
                .set("prometheus.labelProxyParameter", "namespace")
                .set("imagePullSecrets[0].name", "registry"));

        assertEquals(2, one(manifests, "Deployment", "sqo").path("spec").path("replicas").asInt());
        JsonNode clusterRole = one(manifests, "ClusterRole", "sqo");
        assertTrue(verbs(clusterRole, "deployments").isEmpty(), "namespaced rights only in the watched namespaces");
        for (String namespace : List.of("team-a", "team-b")) {
            JsonNode role = find(manifests, "Role").stream()
                    .filter(r -> namespace.equals(r.path("metadata").path("namespace").asText())).findFirst().orElseThrow();
            assertEquals(List.of("get", "patch"), verbs(role, "deployments"));
            JsonNode secrets = rule(role, "secrets");
            assertEquals("[\"prometheus-auth\"]", secrets.path("resourceNames").toString());
            assertEquals(List.of("get"), verbs(role, "secrets"));
        }

        SqoConfig config = config(manifests);
        assertEquals(Map.of("release", "prometheus"), config.rules().labels());
        assertEquals(SqoConfig.DefaultMode.Off, config.optimization().defaultMode());
        assertEquals(List.of("https://thanos.example.com/"), config.prometheus().allowedUrls().orElseThrow());
        assertEquals(SqoConfig.Tenancy.NAMESPACED, config.prometheus().tenancy());
        assertEquals("kubernetes_namespace", config.prometheus().namespaceLabel());
        assertEquals("namespace", config.prometheus().labelProxyParameter().orElseThrow());
        assertTrue(properties(manifests).getProperty("quarkus.operator-sdk.controllers.servicequality.namespaces").equals("team-a,team-b"));

        assertTrue(one(manifests, "ServiceMonitor", "sqo").path("spec").path("endpoints").get(0).path("honorLabels").asBoolean());
        JsonNode dashboard = one(manifests, "ConfigMap", "sqo-dashboard");
        assertEquals("1", dashboard.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals(YAML.readTree(Files.readString(CHART.resolve("dashboards/sqo-overview.json"))),
                new ObjectMapper().readTree(dashboard.path("data").path("sqo-overview.json").asText()));

        JsonNode agent = one(manifests, "DaemonSet", "sqo-node-agent").path("spec").path("template").path("spec");
        assertTrue(agent.path("hostNetwork").asBoolean());
        assertEquals("latency", agent.path("nodeSelector").path("sqo.dev/pool").asText());
        assertTrue(agent.path("containers").get(0).path("securityContext").path("privileged").asBoolean());
        assertEquals("registry", agent.path("imagePullSecrets").get(0).path("name").asText(), "the agent pulls the same image");
        JsonNode agentRole = one(manifests, "ClusterRole", "sqo-node-agent");
        assertEquals(List.of("get"), verbs(agentRole, "nodetuningprofiles"));
        assertEquals(List.of("get", "patch"), verbs(agentRole, "nodes"));
    }

    @Test
    void onOpenShiftOneValueGivesTheRightsOnTunedObjectsAndTheMechanism() throws IOException {
        List<JsonNode> manifests = RenderedChart.render(new Helm(CHART).template().withName("sqo").withNamespace("sqo")
                .set("nodeTuning.openshift", true));
        JsonNode tuned = one(manifests, "Role", "sqo-tuned");
        assertEquals("openshift-cluster-node-tuning-operator", tuned.path("metadata").path("namespace").asText());
        assertEquals(List.of("get", "create", "update"), verbs(tuned, "tuneds"));
        assertEquals(List.of("list"), verbs(tuned, "profiles"));
        assertEquals(SqoConfig.TuningMechanism.Tuned, config(manifests).tuning().mechanism());
    }

    @Test
    void unsafeValuesAreRefusedWithAReason() {
        Exception twoWithoutElection = assertThrows(Exception.class, () -> new Helm(CHART).template().withName("sqo")
                .set("replicaCount", 2).set("leaderElection.enabled", false).call());
        assertTrue(twoWithoutElection.getMessage().contains("needs leaderElection.enabled"), twoWithoutElection.getMessage());
        Exception autoByDefault = assertThrows(Exception.class, () -> new Helm(CHART).template().withName("sqo")
                .set("optimization.defaultMode", "Auto").call());
        assertTrue(autoByDefault.getMessage().contains("must be Recommend or Off"), autoByDefault.getMessage());
        Exception twoTuners = assertThrows(Exception.class, () -> new Helm(CHART).template().withName("sqo")
                .set("nodeTuning.openshift", true).set("agent.enabled", true).call());
        assertTrue(twoTuners.getMessage().contains("sqo's agent would write the same settings"), twoTuners.getMessage());
    }

    /** The rendered application.properties, read by the operator's own configuration mapping: unknown keys fail. */
    private static SqoConfig config(List<JsonNode> manifests) throws IOException {
        Map<String, String> values = new HashMap<>();
        properties(manifests).forEach((k, v) -> values.put(k.toString(), v.toString()));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SqoConfig.class)
                // Quarkus reads durations like "30s"; plain SmallRye Config needs its converter for that.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(values, "helm/sqo", 500)).build();
        return config.getConfigMapping(SqoConfig.class);
    }

    private static Properties properties(List<JsonNode> manifests) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(one(manifests, "ConfigMap", "sqo-config").path("data").path("application.properties").asText()));
        return properties;
    }

    private static List<JsonNode> find(List<JsonNode> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    }

    private static JsonNode one(List<JsonNode> manifests, String kind, String name) {
        return find(manifests, kind).stream().filter(m -> name.equals(m.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<JsonNode> roles(List<JsonNode> manifests) {
        return manifests.stream().filter(m -> m.path("kind").asText().endsWith("Role")).toList();
    }

    private static JsonNode rule(JsonNode role, String resource) {
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode r : rule.path("resources")) {
                if (resource.equals(r.asText())) {
                    return rule;
                }
            }
        }
        return YAML.createObjectNode();
    }

    private static List<String> verbs(JsonNode role, String resource) {
        List<String> verbs = new ArrayList<>();
        rule(role, resource).path("verbs").forEach(v -> verbs.add(v.asText()));
        return verbs;
    }
}
