package dev.sqo.helm;

import dev.sqo.reconcile.SqoUserAgent;
import dev.sqo.testing.ApiRequestLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request sqo's operator and node agent made to the mock API servers of the unit suite (recorded by
 * {@link ApiRequestLog}) is one the chart's RBAC grants, installed cluster-wide and with watched namespaces: a verb
 * the chart lacks fails here instead of as 403 Forbidden on a cluster. Runs after the unit suite (a failsafe
 * execution of its own), which the API server's authorizer would have judged.
 */
class ChartRbacIT {

    /** The mock client's namespace: where the suite's operator runs and holds its Lease, so the release's namespace. */
    private static final String RELEASE_NAMESPACE = "test";
    private static final String TUNED_NAMESPACE = "openshift-cluster-node-tuning-operator";
    private static final String OPERATOR_ACCOUNT = RELEASE_NAMESPACE + "/" + RenderedChart.RELEASE;
    private static final String AGENT_ACCOUNT = RELEASE_NAMESPACE + "/" + RenderedChart.RELEASE + "-node-agent";

    private static final Map<String, List<ApiRequest>> BY_COMPONENT = new HashMap<>();

    @BeforeAll
    static void readTheSuitesRequests() throws IOException {
        Path recorded = ApiRequestLog.thisBuild();
        assertTrue(Files.isDirectory(recorded), recorded + " is missing: this build ran no test that records sqo's requests; "
                + "run the whole suite (./mvnw verify)");
        try (Stream<Path> files = Files.list(recorded)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.split("\t");
                    BY_COMPONENT.computeIfAbsent(f[0], c -> new ArrayList<>()).add(ApiRequest.of(f[1], f[2]));
                }
            }
        }
    }

    @Test
    void theSuiteRecordedWhatTheOperatorDoesInACluster() {
        Set<String> seen = new TreeSet<>();
        operator().forEach(r -> seen.add(r.verb() + " " + r.resource() + (r.subresource() == null ? "" : "/" + r.subresource())));
        for (String expected : List.of("create leases", "patch leases", "watch servicequalities", "patch servicequalities/status",
                "patch deployments", "patch horizontalpodautoscalers", "create events", "patch nodes", "create tuneds",
                "get secrets", "create prometheusrules", "create configmaps", "delete configmaps")) {
            assertTrue(seen.contains(expected), "the suite no longer exercises '" + expected + "': " + seen);
        }
        assertFalse(BY_COMPONENT.getOrDefault(SqoUserAgent.AGENT, List.of()).isEmpty(), "the node agent's requests");
    }

    @Test
    void theChartGrantsEveryRequestOfTheOperatorClusterWide() {
        ChartRbac rbac = ChartRbac.render(RELEASE_NAMESPACE, operatorValues());
        assertEquals(List.of(), denied(rbac, OPERATOR_ACCOUNT, operator()));
    }

    @Test
    void theChartGrantsEveryRequestOfTheOperatorInTheNamespacesItWatches() {
        Map<String, Object> values = operatorValues();
        List<String> watched = operator().stream().map(ApiRequest::namespace)
                .filter(ns -> ns != null && !ns.equals(RELEASE_NAMESPACE) && !ns.equals(TUNED_NAMESPACE)).distinct().sorted().toList();
        for (int i = 0; i < watched.size(); i++) {
            values.put("watchNamespaces[" + i + "]", watched.get(i));
        }
        // Watching some namespaces, the ServiceQuality controller's informer lists and watches in each of them instead
        // of across all (quarkus.operator-sdk.controllers.servicequality.namespaces). Any other request across all
        // namespaces stays one, and fails here as it would on such a cluster.
        List<ApiRequest> requests = new ArrayList<>();
        for (ApiRequest r : operator()) {
            if (r.spansNamespaces() && r.resource().equals("servicequalities")) {
                watched.forEach(ns -> requests.add(r.inNamespace(ns)));
            } else {
                requests.add(r);
            }
        }
        assertEquals(List.of(), denied(ChartRbac.render(RELEASE_NAMESPACE, values), OPERATOR_ACCOUNT, requests));
    }

    @Test
    void theChartGrantsEveryRequestOfTheNodeAgent() {
        ChartRbac rbac = ChartRbac.render(RELEASE_NAMESPACE, Map.of("agent.enabled", true));
        assertEquals(List.of(), denied(rbac, AGENT_ACCOUNT, BY_COMPONENT.getOrDefault(SqoUserAgent.AGENT, List.of())));
    }

    private static List<ApiRequest> operator() {
        return BY_COMPONENT.getOrDefault(SqoUserAgent.OPERATOR, List.of());
    }

    /**
     * The operator with its Tuned rights (the suite runs both mechanisms, and only Tuned adds rights), and the
     * Secrets the suite reads, as an admin would list them.
     */
    private static Map<String, Object> operatorValues() {
        Map<String, Object> values = new HashMap<>(Map.of("nodeTuning.openshift", true));
        List<String> secrets = operator().stream().filter(r -> "secrets".equals(r.resource())).map(ApiRequest::name).distinct().toList();
        for (int i = 0; i < secrets.size(); i++) {
            values.put("secretNames[" + i + "]", secrets.get(i));
        }
        return values;
    }

    private static List<String> denied(ChartRbac rbac, String account, List<ApiRequest> requests) {
        return requests.stream().filter(r -> !rbac.allows(account, r)).map(ApiRequest::toString).distinct().sorted().toList();
    }
}
