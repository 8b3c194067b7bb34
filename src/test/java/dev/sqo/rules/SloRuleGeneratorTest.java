package dev.sqo.rules;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SloRuleGeneratorTest {

    private static List<PromRule> rules(String window, String alerting, String alerts) throws IOException {
        ServiceQuality sq = new YAMLMapper().readValue("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: api, namespace: team}
                spec:
                  targetRef: {kind: Deployment, name: api}
                  window: %s
                  alerting: {%s}
                  objectives:
                    - name: availability
                      target: 99.5
                      alerts: {%s}
                      ratio:
                        errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                """.formatted(window, alerting, alerts), ServiceQuality.class);
        return SloRuleGenerator.generate(sq).get(0).rules();
    }

    private static PromRule alert(List<PromRule> rules, String name) {
        return rules.stream().filter(r -> name.equals(r.alert())).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static PromRule record(List<PromRule> rules, String name) {
        return rules.stream().filter(r -> name.equals(r.record())).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void factorsScaleWithThe28DayWindow() throws IOException {
        List<PromRule> r = rules("28d", "", "");
        String page = alert(r, "SLOFastBurn").expr();
        assertTrue(page.contains("/ 0.005 > 13.44\n  and"), page);
        assertTrue(page.contains("/ 0.005 > 5.6\n  and"), page);
        String ticket = alert(r, "SLOSlowBurn").expr();
        assertTrue(ticket.contains("> 2.8\n  and"), ticket);
        assertTrue(ticket.contains("> 0.933333\n  and"), ticket);
    }

    @Test
    void windowRatioIsDerivedNeverARawLongRate() throws IOException {
        List<PromRule> r = rules("28d", "", "");
        assertEquals("sum_over_time(slo:sli_bad_events:rate5m{namespace=\"team\",sqo_service=\"api\",sqo_objective=\"availability\","
                        + "sqo_sli=\"" + r.get(0).labels().get("sqo_sli") + "\"}[28d]) / sum_over_time(slo:sli_events:rate5m{namespace=\"team\","
                        + "sqo_service=\"api\",sqo_objective=\"availability\",sqo_sli=\"" + r.get(0).labels().get("sqo_sli") + "\"}[28d])"
                        + " and present_over_time(slo:sli_events:rate5m{namespace=\"team\",sqo_service=\"api\",sqo_objective=\"availability\","
                        + "sqo_sli=\"" + r.get(0).labels().get("sqo_sli") + "\"}[10m] offset 27d23h50m)",
                record(r, "slo:sli_error:ratio_rate28d").expr());
        for (PromRule rule : r) {
            assertFalse(rule.expr().matches(".*http_requests_total.*\\[(1d|3d|28d)].*"), "source counters only over short windows: " + rule.expr());
        }
        assertEquals("vector(0.995)", record(r, "slo:objective:ratio").expr());
        assertEquals("vector(0.005)", record(r, "slo:error_budget:ratio").expr());
        assertEquals("vector(28)", record(r, "slo:time_period:days").expr());
    }

    @Test
    void labelsAnnotationsAndOptOut() throws IOException {
        List<PromRule> r = rules("30d", "pageSeverity: sev1, ticketSeverity: sev3, runbookUrl: 'https://runbooks.example/api'", "page: false");
        assertTrue(r.stream().noneMatch(x -> "SLOFastBurn".equals(x.alert())), "page alert opted out");
        PromRule ticket = alert(r, "SLOSlowBurn");
        assertEquals("ticket", ticket.labels().get("sqo_severity"));
        assertEquals("sev3", ticket.labels().get("severity"));
        assertEquals("api", ticket.labels().get("sqo_service"));
        assertEquals("availability", ticket.labels().get("sqo_objective"));
        assertEquals("team", ticket.labels().get("namespace"));
        assertEquals("https://runbooks.example/api", ticket.annotations().get("runbook_url"));
        assertTrue(ticket.annotations().get("description").contains("{{ $value | printf \"%.1f\" }}x"));
        assertEquals("15m", alert(r, "SLOMetricsAbsent").forDuration());
    }

    @Test
    void rowsLongerThanAShortWindowAreLeftOut() throws IOException {
        List<PromRule> r = rules("2h", "", "");
        String page = alert(r, "SLOFastBurn").expr();
        assertTrue(page.contains("ratio_rate1h"), page);
        assertFalse(page.contains("ratio_rate6h"), page);
        assertTrue(r.stream().noneMatch(x -> "SLOSlowBurn".equals(x.alert())), "no ticket row fits a 2h window");
    }

    @Test
    void changingTheSliChangesItsFingerprintButTheTargetDoesNot() throws IOException {
        String a = rules("30d", "", "").get(0).labels().get("sqo_sli");
        assertEquals(10, a.length());
        ServiceQuality sq = new YAMLMapper().readValue("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: api, namespace: team}
                spec:
                  targetRef: {kind: Deployment, name: api}
                  objectives:
                    - name: availability
                      target: 99.9
                      ratio:
                        errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                """, ServiceQuality.class);
        assertEquals(a, SloSeries.fingerprint(sq.getSpec().objectives.get(0)));
        sq.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{code=~\"5..|429\"}[{{window}}]))";
        assertFalse(a.equals(SloSeries.fingerprint(sq.getSpec().objectives.get(0))));
    }
}
