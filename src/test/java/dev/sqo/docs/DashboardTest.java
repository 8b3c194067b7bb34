package dev.sqo.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.playground.PrometheusInstallation;
import dev.sqo.rules.PromRule;
import dev.sqo.rules.SloRuleGenerator;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard of the Helm chart: it filters by namespace and service, and every query reads only series
 * that sqo exports or records and is PromQL the real promtool accepts, so a renamed metric or a typo fails here
 * instead of leaving an empty panel.
 */
class DashboardTest {

    private static final Path DASHBOARD = Path.of("helm/sqo/dashboards/sqo-overview.json");
    private static final String DATASOURCE = "${datasource}";

    /**
     * The operator's own metrics on /q/metrics. Spelled out rather than read from the code that registers them, so
     * that renaming one fails here until the dashboard follows.
     */
    private static final Set<String> OPERATOR_METRICS = Set.of(
            "sqo_objective_attainment_ratio",
            "sqo_objective_target_ratio",
            "sqo_objective_error_budget_remaining_ratio",
            "sqo_objective_burn_rate",
            "sqo_objective_alert_level",
            "sqo_actions_total",
            "sqo_reconcile_duration_seconds_count",
            "sqo_reconcile_duration_seconds_sum",
            "sqo_reconcile_duration_seconds_max",
            "sqo_prometheus_query_duration_seconds_count",
            "sqo_prometheus_query_duration_seconds_sum",
            "sqo_prometheus_query_duration_seconds_max",
            SloRuleGenerator.EXCLUSION_ACTIVE);

    /** Values for the variables a query may use, of the kind Grafana puts there, so that promtool can parse it. */
    private static final Map<String, String> VARIABLE_VALUES = Map.of(
            "namespace", "shop",
            "service", "checkout",
            "__rate_interval", "1m",
            "__interval", "30s",
            "__range", "6h");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+)(\\{.*})?, *(\\w+)\\)");
    // Possessive, so that "rate(" is skipped as a whole rather than matched as "rat"; the look-behind keeps out
    // the unit of a duration (5m) and the exponent of a number (1e3).
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private record Query(String panel, String refId, String expr) {
    }

    @Test
    void identifiesItselfAndFiltersByNamespaceAndService() throws IOException {
        JsonNode d = dashboard();
        assertEquals("sqo-overview", d.path("uid").asText());
        assertEquals("sqo — service quality", d.path("title").asText());
        assertEquals(39, d.path("schemaVersion").asInt());

        Map<String, JsonNode> variables = new LinkedHashMap<>();
        d.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertEquals(List.of("datasource", "namespace", "service"), List.copyOf(variables.keySet()));
        assertEquals("datasource", variables.get("datasource").path("type").asText());
        assertEquals("prometheus", variables.get("datasource").path("query").asText());
        for (String name : List.of("namespace", "service")) {
            JsonNode v = variables.get(name);
            assertEquals("query", v.path("type").asText(), name);
            assertEquals(DATASOURCE, v.path("datasource").path("uid").asText(), name);
            assertTrue(v.path("multi").asBoolean() && v.path("includeAll").asBoolean(), name + " is multi-value with All");
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            assertTrue(m.matches(), name + ": " + v.path("query").asText());
            assertEquals("sqo_objective_attainment_ratio", m.group(1), name);
            assertEquals(name, m.group(3));
        }
    }

    @Test
    void everyQueryReadsOnlySeriesSqoExportsOrRecordsFromTheChosenDatasource() throws IOException {
        Set<String> known = new TreeSet<>(OPERATOR_METRICS);
        known.addAll(recordedSeries());
        known.add("ALERTS"); // Prometheus's series of firing alerts, the generated ones among them
        List<Query> queries = queries(dashboard());
        assertFalse(queries.isEmpty());
        for (Query q : queries) {
            Set<String> read = seriesNames(substituteVariables(q));
            assertFalse(read.isEmpty(), q.panel() + " " + q.refId() + " reads no series: " + q.expr());
            read.removeAll(known);
            assertTrue(read.isEmpty(), q.panel() + " " + q.refId() + " reads series sqo neither exports nor records: " + read);
        }
    }

    @Test
    void everyQueryIsPromqlThatPromtoolAccepts(@TempDir Path dir) throws Exception {
        // promtool has no command that parses a bare expression, but it parses every rule of a rule file.
        List<Map<String, String>> rules = new ArrayList<>();
        for (Query q : queries(dashboard())) {
            String record = "dashboard:" + q.panel().toLowerCase().replaceAll("\\W+", "_") + ":" + q.refId();
            rules.add(Map.of("record", record, "expr", substituteVariables(q)));
        }
        Path file = dir.resolve("dashboard.rules.yml");
        new YAMLMapper().writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "sqo-dashboard", "rules", rules))));

        Process p = new ProcessBuilder(PrometheusInstallation.findOrInstall().promtool().toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "promtool check rules on the dashboard's queries:\n" + out);
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /**
     * The queries of every panel, those in collapsed rows included. Each panel must read the datasource variable:
     * a datasource uid of one Grafana would not exist in the next.
     */
    private static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> collect(panel, queries));
        return queries;
    }

    private static void collect(JsonNode panel, List<Query> queries) {
        String title = panel.path("title").asText();
        if (panel.path("type").asText().equals("row")) {
            panel.path("panels").forEach(nested -> collect(nested, queries));
            return;
        }
        assertEquals(DATASOURCE, panel.path("datasource").path("uid").asText(), title);
        for (JsonNode target : panel.path("targets")) {
            assertEquals(DATASOURCE, target.path("datasource").path("uid").asText(), title);
            queries.add(new Query(title, target.path("refId").asText(), target.path("expr").asText()));
        }
    }

    /** Every series name the rules of the example ServiceQualities record. */
    private static Set<String> recordedSeries() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path example : Fixtures.serviceQualityExamples()) {
            ServiceQuality sq = new YAMLMapper().readValue(example.toFile(), ServiceQuality.class);
            SloRuleGenerator.generate(sq).forEach(g -> g.rules().stream().map(PromRule::record)
                    .filter(r -> r != null).forEach(names::add));
        }
        return names;
    }

    private static String substituteVariables(Query q) {
        Matcher m = VARIABLE.matcher(q.expr());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = VARIABLE_VALUES.get(name);
            assertNotNull(value, q.panel() + " " + q.refId() + " uses $" + name + ", which the dashboard does not declare");
            m.appendReplacement(out, value);
        }
        return m.appendTail(out).toString();
    }

    /** The series an expression reads: what is left once strings, matchers, ranges, label lists and functions are gone. */
    private static Set<String> seriesNames(String expr) {
        String names = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> series = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(names);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) {
                series.add(m.group());
            }
        }
        return series;
    }
}
