package dev.sqo.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.playground.PrometheusInstallation;
import dev.sqo.slo.MultiWindowAlertPolicy;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rules sqo generates, checked and run by the real promtool: every example renders to rules promtool accepts,
 * and generated unit-test scenarios show the alerts fire when, and only when, the burn-rate table says.
 */
class PromtoolRulesTest {

    private static final ObjectMapper YAML = new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER);

    @Test
    void everyExampleRendersToRulesPromtoolAccepts(@TempDir Path dir) throws Exception {
        List<Path> examples = Fixtures.serviceQualityExamples();
        for (Path example : examples) {
            ServiceQuality sq = YAML.readValue(example.toFile(), ServiceQuality.class);
            Path rules = dir.resolve(example.getFileName());
            YAML.writeValue(rules.toFile(), PrometheusRuleRenderer.ruleFile(sq));
            assertPromtool(dir, "check", "rules", rules.toString());
        }
    }

    @Test
    void fullOutagePagesWithinThePredictedTime(@TempDir Path dir) throws Exception {
        Duration predicted = MultiWindowAlertPolicy.RULES.get(0).detectionTime(1.0, 99.9, Duration.ofDays(30));
        long pageAt = 120 + (long) Math.ceil(predicted.toSeconds() / 60.0);
        Scenario s = new Scenario("1m")
                .serviceQuality(ratio("outage", 99.9, ""))
                .series("http_requests_total{job=\"outage\",code=\"200\"}", "0+100x120 12000x60")
                .series("http_requests_total{job=\"outage\",code=\"500\"}", "0x120 100+100x60")
                .expectNone(120, "SLOFastBurn", "outage")
                .expectFiring(pageAt, "SLOFastBurn", "outage", "page", "critical")
                .expectFiring(150, "SLOFastBurn", "outage", "page", "critical");
        s.run(dir);
        assertEquals(121, pageAt, "52 s of full outage at 99.9%: the first evaluation after the first failed minute");
    }

    @Test
    void maintenanceWindowMutesAnOutageInsideIt(@TempDir Path dir) throws Exception {
        new Scenario("1m")
                .serviceQuality(ratio("maint", 99.9, ""))
                .series("http_requests_total{job=\"maint\",code=\"200\"}", "0+100x120 12000x60")
                .series("http_requests_total{job=\"maint\",code=\"500\"}", "0x120 100+100x60")
                .series("sqo_exclusion_active{sqo_namespace=\"ns\",sqo_service=\"maint\",exclusion=\"upgrade\"}", "0x110 1x39 0x30")
                .expectNone(121, "SLOFastBurn", "maint")
                .expectNone(150, "SLOFastBurn", "maint")
                .expectFiring(157, "SLOFastBurn", "maint", "page", "critical")
                .run(dir);
    }

    @Test
    void sustainedDoubleBurnTicketsAndDoesNotPageAndHealthyStaysQuiet(@TempDir Path dir) throws Exception {
        // Five-minute resolution. "slow": three days at 0.04% errors (burn 0.4), then 0.2% (burn 2). Its 3d burn
        // rate crosses 1 after 1.125 days at 2: (2 x 1.125d + 0.4 x 1.875d) / 3d = 1. "healthy" stays at 0.05%
        // (burn 0.5) for five days.
        new Scenario("5m")
                .serviceQuality(ratio("slow", 99.9, ""))
                .serviceQuality(ratio("healthy", 99.9, ""))
                .series("http_requests_total{job=\"slow\",code=\"200\"}", "0+4998x864 4323262+4990x575")
                .series("http_requests_total{job=\"slow\",code=\"500\"}", "0+2x864 1738+10x575")
                .series("http_requests_total{job=\"healthy\",code=\"200\"}", "0+9995x1440")
                .series("http_requests_total{job=\"healthy\",code=\"500\"}", "0+5x1440")
                .expectNone(3 * 1440 + 720, "SLOSlowBurn", "slow")
                .expectNone(4 * 1440, "SLOSlowBurn", "slow")
                .expectFiring(4 * 1440 + 360, "SLOSlowBurn", "slow", "ticket", "warning")
                .expectNone(4 * 1440 + 360, "SLOFastBurn", "slow")
                .expectNone(5 * 1440, "SLOFastBurn", "slow")
                .expectNone(5 * 1440, "SLOSlowBurn", "healthy")
                .expectNone(5 * 1440, "SLOFastBurn", "healthy")
                .run(dir);
    }

    @Test
    void oneErrorAtLowTrafficDoesNotPage(@TempDir Path dir) throws Exception {
        // One request a minute for seven hours, then a single error. Without the guard it would page.
        new Scenario("1m")
                .serviceQuality(ratio("quiet", 99.9, ""))
                .serviceQuality(ratio("quiet-unguarded", 99.9, "minimumEvents: 0").replace("job=\\\"quiet-unguarded\\\"", "job=\\\"quiet\\\""))
                .series("http_requests_total{job=\"quiet\",code=\"200\"}", "0+1x480")
                .series("http_requests_total{job=\"quiet\",code=\"500\"}", "0x420 1x60")
                .expectNone(421, "SLOFastBurn", "quiet")
                .expectNone(425, "SLOFastBurn", "quiet")
                .expectNone(450, "SLOFastBurn", "quiet")
                .expectFiring(421, "SLOFastBurn", "quiet-unguarded", "page", "critical")
                // Seven hours of recordings are no "3d" window: the ticket rows wait for a full day or three.
                .expectNone(425, "SLOSlowBurn", "quiet")
                .run(dir);
    }

    @Test
    void absentSliRaisesATicketAfterItsForDuration(@TempDir Path dir) throws Exception {
        new Scenario("1m")
                .serviceQuality(ratio("ghost", 99.9, ""))
                .series("up{job=\"other\"}", "1x30")
                .expectNone(10, "SLOMetricsAbsent", "ghost")
                .expectFiring(20, "SLOMetricsAbsent", "ghost", "ticket", "warning")
                .run(dir);
    }

    /** A ServiceQuality in namespace ns with one ratio objective "availability" on job=name. */
    static String ratio(String name, double target, String alerting) {
        return """
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: %1$s, namespace: ns}
                spec:
                  targetRef: {kind: Deployment, name: %1$s}
                  window: 30d
                  alerting: {%3$s}
                  objectives:
                    - name: availability
                      target: %2$s
                      ratio:
                        errors: "sum(rate(http_requests_total{job=\\"%1$s\\",code=~\\"5..\\"}[{{window}}]))"
                        total: "sum(rate(http_requests_total{job=\\"%1$s\\"}[{{window}}]))"
                """.formatted(name, target, alerting);
    }

    /** Builds a promtool unit-test file around the rules of some ServiceQualities and runs it. */
    static final class Scenario {
        private final String interval;
        private final List<ServiceQuality> resources = new ArrayList<>();
        private final List<Map<String, Object>> inputs = new ArrayList<>();
        private final List<Map<String, Object>> expectations = new ArrayList<>();

        Scenario(String interval) {
            this.interval = interval;
        }

        Scenario serviceQuality(String yaml) throws IOException {
            resources.add(YAML.readValue(yaml, ServiceQuality.class));
            return this;
        }

        Scenario series(String series, String values) {
            inputs.add(Map.of("series", series, "values", values));
            return this;
        }

        Scenario expectNone(long minute, String alert, String service) {
            expectations.add(expectation(minute, alert, service, List.of()));
            return this;
        }

        Scenario expectFiring(long minute, String alert, String service, String sqoSeverity, String severity) {
            ServiceQuality sq = resources.stream().filter(r -> r.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            String labels = "ALERTS{alertname=\"" + alert + "\",alertstate=\"firing\",namespace=\"ns\",severity=\"" + severity
                    + "\",sqo_objective=\"availability\",sqo_service=\"" + service + "\",sqo_severity=\"" + sqoSeverity
                    + "\",sqo_sli=\"" + SloSeries.fingerprint(sq.getSpec().objectives.get(0)) + "\"}";
            expectations.add(expectation(minute, alert, service, List.of(Map.of("labels", labels, "value", 1))));
            return this;
        }

        private static Map<String, Object> expectation(long minute, String alert, String service, List<?> samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expr", "ALERTS{alertname=\"" + alert + "\",alertstate=\"firing\",sqo_service=\"" + service + "\"}");
            m.put("eval_time", minute + "m");
            m.put("exp_samples", samples);
            return m;
        }

        void run(Path dir) throws Exception {
            List<PromRuleGroup> groups = new ArrayList<>();
            resources.forEach(r -> groups.addAll(SloRuleGenerator.generate(r)));
            Path rules = dir.resolve("rules.yml");
            YAML.writeValue(rules.toFile(), PromRuleGroup.ruleFile(groups));
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("interval", interval);
            test.put("input_series", inputs);
            test.put("promql_expr_test", expectations);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("rule_files", List.of("rules.yml"));
            file.put("evaluation_interval", interval);
            file.put("tests", List.of(test));
            Path tests = dir.resolve("tests.yml");
            YAML.writeValue(tests.toFile(), file);
            assertPromtool(dir, "test", "rules", "tests.yml");
        }
    }

    static void assertPromtool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PrometheusInstallation.findOrInstall().promtool().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "promtool " + String.join(" ", args) + ":\n" + out);
    }
}
