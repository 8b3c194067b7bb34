package dev.sqo.rules;

import static dev.sqo.rules.SloSeries.BAD_EVENTS;
import static dev.sqo.rules.SloSeries.ERROR_RATIO;
import static dev.sqo.rules.SloSeries.EVENTS;

import dev.sqo.api.Alerting;
import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateAlertRule;
import dev.sqo.slo.BurnRateWindows;
import dev.sqo.slo.MultiWindowAlertPolicy;
import dev.sqo.slo.PromDuration;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the Prometheus rules of a ServiceQuality: per objective, recording rules in the common
 * {@code slo:sli_error:ratio_rate<window>} style with their metadata series, and the multi-window multi-burn-rate
 * alerts of the SRE workbook, muted while a maintenance window is active and guarded against low traffic.
 */
public final class SloRuleGenerator {

    /** Exported by the operator while a maintenance window of a ServiceQuality is active. */
    public static final String EXCLUSION_ACTIVE = "sqo_exclusion_active";
    public static final String FAST_BURN_ALERT = "SLOFastBurn";
    public static final String SLOW_BURN_ALERT = "SLOSlowBurn";
    public static final String ABSENT_ALERT = "SLOMetricsAbsent";
    static final Duration ABSENT_FOR = Duration.ofMinutes(15);

    private static final List<Duration> SOURCE_WINDOWS = List.of(BurnRateWindows.M30, BurnRateWindows.H1,
            BurnRateWindows.H2, BurnRateWindows.H6);
    private static final List<Duration> DERIVED_WINDOWS = List.of(BurnRateWindows.D1, BurnRateWindows.D3);

    private SloRuleGenerator() {
    }

    /**
     * The rule group of the resource: recordings first, then the alerts that read them. One group, because
     * Prometheus evaluates the rules of a group in order but groups independently: alerts in a group of their own
     * could read recordings one evaluation old and page a minute late.
     */
    public static List<PromRuleGroup> generate(ServiceQuality sq) {
        Duration period = PromDuration.parse(sq.getSpec().window);
        Alerting alerting = sq.getSpec().alerting == null ? new Alerting() : sq.getSpec().alerting;
        String namespace = sq.getMetadata().getNamespace();
        String name = sq.getMetadata().getName();
        List<PromRule> recordings = new ArrayList<>();
        List<PromRule> alerts = new ArrayList<>();
        for (Objective o : sq.getSpec().objectives) {
            Map<String, String> identity = SloSeries.identity(namespace, name, o);
            SliRuleExpressions sli = new SliRuleExpressions(o);
            recordings.addAll(recordings(o, sli, identity, period));
            alerts.addAll(alerts(o, sli, identity, period, alerting));
        }
        List<PromRule> rules = new ArrayList<>(recordings);
        rules.addAll(alerts);
        return List.of(new PromRuleGroup("sqo-" + namespace + "-" + name, rules));
    }

    private static List<PromRule> recordings(Objective o, SliRuleExpressions sli, Map<String, String> identity, Duration period) {
        String sel = SloSeries.selector(identity);
        String budget = budget(o.target);
        List<PromRule> out = new ArrayList<>();
        out.add(PromRule.recording(EVENTS + "5m", sli.events(BurnRateWindows.M5), identity));
        out.add(PromRule.recording(BAD_EVENTS + "5m", sli.bad(BurnRateWindows.M5), identity));
        out.add(PromRule.recording(ERROR_RATIO + "5m", BAD_EVENTS + "5m" + sel + " / " + EVENTS + "5m" + sel, identity));

        Set<Duration> derived = new LinkedHashSet<>();
        for (Duration w : SOURCE_WINDOWS) {
            if (sli.fromSource()) {
                out.add(PromRule.recording(EVENTS + format(w), sli.events(w), identity));
                out.add(PromRule.recording(BAD_EVENTS + format(w), sli.bad(w), identity));
                out.add(PromRule.recording(ERROR_RATIO + format(w), BAD_EVENTS + format(w) + sel + " / " + EVENTS + format(w) + sel,
                        identity));
            } else {
                derived.add(w);
            }
        }
        derived.addAll(DERIVED_WINDOWS);
        derived.add(period);
        for (Duration w : derived) {
            if (sli.fromSource() && SOURCE_WINDOWS.contains(w)) {
                continue;
            }
            // Traffic-weighted: the sum of bad over the sum of all 5-minute rates, not a mean of ratios, and never
            // a raw 30-day rate() over the source counters.
            // Only once recordings reach back over the whole window: right after the rules were loaded (or the SLI
            // changed) a "3d" ratio of one hour's recordings would make the ticket rows act like page rows.
            out.add(PromRule.recording(ERROR_RATIO + format(w), "sum_over_time(" + BAD_EVENTS + "5m" + sel + "[" + format(w)
                    + "]) / sum_over_time(" + EVENTS + "5m" + sel + "[" + format(w) + "]) and present_over_time("
                    + EVENTS + "5m" + sel + "[10m] offset " + format(w.minus(Duration.ofMinutes(10))) + ")", identity));
        }

        out.add(PromRule.recording("slo:objective:ratio", "vector(" + SliRuleExpressions.number(BigDecimal.valueOf(o.target).movePointLeft(2)) + ")", identity));
        out.add(PromRule.recording("slo:error_budget:ratio", "vector(" + budget + ")", identity));
        out.add(PromRule.recording("slo:time_period:days", "vector(" + SliRuleExpressions.number(period.toSeconds() / 86400.0) + ")", identity));
        out.add(PromRule.recording("slo:current_burn_rate:ratio", ERROR_RATIO + "5m" + sel + " / " + budget, identity));
        out.add(PromRule.recording("slo:period_burn_rate:ratio", ERROR_RATIO + format(period) + sel + " / "
                + budget, identity));
        out.add(PromRule.recording("slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio" + sel, identity));
        return out;
    }

    private static List<PromRule> alerts(Objective o, SliRuleExpressions sli, Map<String, String> identity, Duration period,
                                         Alerting alerting) {
        boolean page = o.alerts == null || o.alerts.page;
        boolean ticket = o.alerts == null || o.alerts.ticket;
        String sel = SloSeries.selector(identity);
        String budget = budget(o.target);
        List<PromRule> out = new ArrayList<>();
        for (AlertLevel level : List.of(AlertLevel.PAGE, AlertLevel.TICKET)) {
            if (level == AlertLevel.PAGE ? !page : !ticket) {
                continue;
            }
            List<BurnRateAlertRule> rows = MultiWindowAlertPolicy.applicable(period).stream().filter(r -> r.level() == level).toList();
            if (rows.isEmpty()) {
                continue;
            }
            String expr = rows.stream()
                    .map(r -> "(\n" + row(r, sli, sel, budget, period, alerting, identity) + "\n)")
                    .collect(Collectors.joining("\nor\n"));
            String severity = level == AlertLevel.PAGE ? alerting.pageSeverity : alerting.ticketSeverity;
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("sqo_severity", level == AlertLevel.PAGE ? "page" : "ticket");
            labels.put("severity", severity);
            labels.putAll(identity);
            Map<String, String> annotations = new LinkedHashMap<>();
            String speed = level == AlertLevel.PAGE ? "fast" : "slowly but steadily";
            annotations.put("summary", identity.get("sqo_service") + " " + identity.get("sqo_objective")
                    + " is burning its error budget " + speed);
            annotations.put("description", "The " + identity.get("sqo_objective") + " objective (" + SliRuleExpressions.number(o.target)
                    + "% over " + format(period) + ") of " + identity.get("namespace") + "/" + identity.get("sqo_service")
                    + " burns its error budget at {{ $value | printf \"%.1f\" }}x the sustainable rate over its long window.");
            if (alerting.runbookUrl != null) {
                annotations.put("runbook_url", alerting.runbookUrl);
            }
            out.add(PromRule.alerting(level == AlertLevel.PAGE ? FAST_BURN_ALERT : SLOW_BURN_ALERT, expr, null, labels, annotations));
        }
        Map<String, String> absentLabels = new LinkedHashMap<>();
        absentLabels.put("sqo_severity", "ticket");
        absentLabels.put("severity", alerting.ticketSeverity);
        absentLabels.putAll(identity);
        Map<String, String> absentAnnotations = new LinkedHashMap<>();
        absentAnnotations.put("summary", identity.get("sqo_service") + " " + identity.get("sqo_objective") + " has no SLI data");
        absentAnnotations.put("description", "The SLI of " + identity.get("namespace") + "/" + identity.get("sqo_service") + " "
                + identity.get("sqo_objective") + " has had no samples for " + format(ABSENT_FOR)
                + ": its burn-rate alerts cannot fire. Check that the workload is scraped and the SLI queries match its series.");
        if (alerting.runbookUrl != null) {
            absentAnnotations.put("runbook_url", alerting.runbookUrl);
        }
        // The ratio is empty when either of its parts is: the burn-rate alerts can fire only when it exists.
        out.add(PromRule.alerting(ABSENT_ALERT, "absent(" + ERROR_RATIO + "5m" + sel + ")", format(ABSENT_FOR), absentLabels,
                absentAnnotations));
        return out;
    }

    /**
     * One row of the table: both windows over the factor, enough events in the short window, and no maintenance
     * window active during the short window. The value is the long window's burn rate, which the description shows.
     */
    private static String row(BurnRateAlertRule r, SliRuleExpressions sli, String sel, String budget, Duration period,
                              Alerting alerting, Map<String, String> identity) {
        String factor = SliRuleExpressions.number(Math.round(r.factor(period) * 1e6) / 1e6);
        String shortW = format(r.shortWindow());
        // One condition a line, as the SRE workbook prints these alerts: a reviewer reads a rule change in a diff.
        StringBuilder s = new StringBuilder("  ")
                .append(ERROR_RATIO).append(format(r.longWindow())).append(sel).append(" / ").append(budget).append(" > ").append(factor)
                .append("\n  and ").append(ERROR_RATIO).append(shortW).append(sel).append(" / ").append(budget).append(" > ").append(factor);
        if (sli.fromSource() && alerting.minimumEvents > 0) {
            long scale = sli.eventsPerValue(r.shortWindow());
            s.append("\n  and ").append(EVENTS).append(shortW).append(sel)
                    .append(scale == 1 ? "" : " * " + scale).append(" >= ").append(alerting.minimumEvents);
        }
        s.append("\n  unless on () (max_over_time(").append(EXCLUSION_ACTIVE).append("{sqo_namespace=\"").append(identity.get("namespace"))
                .append("\",sqo_service=\"").append(identity.get("sqo_service")).append("\"}[").append(shortW).append("]) > 0)");
        return s.toString();
    }

    /** 1 - target/100 in decimal arithmetic: 99.9 gives 0.001, not 0.0009999999999998899. */
    static String budget(double targetPercent) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(targetPercent).movePointLeft(2)).stripTrailingZeros().toPlainString();
    }

    private static String format(Duration d) {
        return PromDuration.format(d);
    }
}
