package dev.sqo.reconcile;

import dev.sqo.api.BurnRates;
import dev.sqo.api.ErrorBudgetStatus;
import dev.sqo.api.Objective;
import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateAlertRule;
import dev.sqo.slo.BurnRateWindows;
import dev.sqo.slo.MultiWindowAlertPolicy;
import dev.sqo.slo.ObjectiveEvaluation;
import dev.sqo.slo.PromDuration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Report step: turns an evaluation into the whole status object. Numbers are rounded so that noise below what a
 * person reads does not patch the resource every cycle.
 */
public final class StatusAggregator {

    static final String READY = "Ready";
    static final String METRICS_AVAILABLE = "MetricsAvailable";
    static final String OBJECTIVES_MET = "ObjectivesMet";
    static final String BUDGET_BURNING = "BudgetBurning";
    static final String RULES_PUBLISHED = "RulesPublished";

    private StatusAggregator() {
    }

    /** Without rules: what `sqo evaluate` prints, which publishes nothing. */
    public static ServiceQualityStatus build(EvaluationReport report, ServiceQualityStatus previous) {
        return build(report, previous, Optional.empty());
    }

    public static ServiceQualityStatus build(EvaluationReport report, ServiceQualityStatus previous, Optional<RulesOutcome> rules) {
        return build(report, previous, rules, Optional.empty());
    }

    public static ServiceQualityStatus build(EvaluationReport report, ServiceQualityStatus previous, Optional<RulesOutcome> rules,
                                             Optional<OptimizationOutcome> optimization) {
        ServiceQuality resource = report.resource();
        Long generation = resource.getMetadata().getGeneration();
        ServiceQualityStatus status = new ServiceQualityStatus();
        status.observedGeneration = generation;
        if (resource.getSpec() != null && resource.getSpec().targetRef != null) {
            status.target = resource.getSpec().targetRef.toString();
        }
        ConditionSet conditions = new ConditionSet(previous == null ? null : previous.conditions, generation, report.at());

        if (!report.specProblems().isEmpty()) {
            String message = "The spec is invalid: " + String.join("; ", report.specProblems()) + ".";
            conditions.set(READY, ConditionSet.FALSE, "InvalidSpec", message);
            String notEvaluated = "Not evaluated: the spec is invalid (see Ready).";
            conditions.set(METRICS_AVAILABLE, ConditionSet.UNKNOWN, "InvalidSpec", notEvaluated)
                    .set(OBJECTIVES_MET, ConditionSet.UNKNOWN, "InvalidSpec", notEvaluated)
                    .set(BUDGET_BURNING, ConditionSet.UNKNOWN, "InvalidSpec", notEvaluated);
            // Only with namespaced tenancy: the rules of an earlier spec were withdrawn.
            rules.ifPresent(r -> conditions.set(RULES_PUBLISHED, r.status(), r.reason(), r.message()));
            return finish(status, conditions, optimization);
        }
        if (report.endpointReason() != null) {
            String notEvaluated = "Not evaluated: " + report.endpointProblem();
            conditions.set(READY, ConditionSet.FALSE, report.endpointReason(), report.endpointProblem())
                    .set(METRICS_AVAILABLE, ConditionSet.FALSE, report.endpointReason(), report.endpointProblem())
                    .set(OBJECTIVES_MET, ConditionSet.UNKNOWN, "MetricsUnavailable", notEvaluated)
                    .set(BUDGET_BURNING, ConditionSet.UNKNOWN, "MetricsUnavailable", notEvaluated);
            rules.ifPresent(r -> conditions.set(RULES_PUBLISHED, r.status(), r.reason(), r.message()));
            return finish(status, conditions, optimization);
        }

        for (ObjectiveOutcome o : report.objectives()) {
            status.objectives.add(objectiveStatus(o, report.window()));
        }
        summarize(status);
        status.alert = report.objectives().stream().filter(o -> o.evaluation() != null).map(o -> o.evaluation().alert())
                .reduce(AlertLevel.NONE, AlertLevel::max).display();
        metricsAvailable(report, conditions);
        objectivesMet(report, conditions);
        budgetBurning(report, conditions);
        rules.ifPresent(r -> conditions.set(RULES_PUBLISHED, r.status(), r.reason(), r.message()));
        return finish(status, conditions, optimization);
    }

    private static ServiceQualityStatus finish(ServiceQualityStatus status, ConditionSet conditions,
                                               Optional<OptimizationOutcome> optimization) {
        optimization.ifPresent(o -> {
            o.conditions().forEach(c -> conditions.set(c.type(), c.status(), c.reason(), c.message()));
            status.recommendation = o.recommendation();
            status.actions = new ArrayList<>(o.actions());
            status.holds = new ArrayList<>(o.holds());
            status.holdsClearedBy = o.holdsClearedBy();
        });
        status.conditions = conditions.build();
        return status;
    }

    private static ObjectiveStatus objectiveStatus(ObjectiveOutcome outcome, Duration window) {
        Objective o = outcome.objective();
        ObjectiveStatus s = new ObjectiveStatus();
        s.name = o.name;
        s.sli = o.ratio != null ? "ratio" : o.latency != null ? "latency" : o.latencyPercentile != null ? "latencyPercentile" : "apdex";
        s.target = o.target;
        s.window = PromDuration.format(window);
        s.errorBudget = new ErrorBudgetStatus();
        s.burnRates = new BurnRates();
        s.alert = AlertLevel.NONE.display();
        ObjectiveEvaluation e = outcome.evaluation();
        if (e == null) {
            s.message = outcome.problem();
            return s;
        }
        s.sliSource = outcome.source().display();
        s.coverage = WindowCoverage.percent(e, window);
        s.attainment = round(e.attainment(), 4);
        s.met = e.met(o.target);
        s.errorBudget.consumed = round(e.budgetConsumed(), 4);
        s.errorBudget.remaining = round(e.budgetRemaining(), 4);
        Map<Duration, Double> b = e.burnRates();
        s.burnRates.m5 = round(b.get(BurnRateWindows.M5), 3);
        s.burnRates.m30 = round(b.get(BurnRateWindows.M30), 3);
        s.burnRates.h1 = round(b.get(BurnRateWindows.H1), 3);
        s.burnRates.h2 = round(b.get(BurnRateWindows.H2), 3);
        s.burnRates.h6 = round(b.get(BurnRateWindows.H6), 3);
        s.burnRates.d1 = round(b.get(BurnRateWindows.D1), 3);
        s.burnRates.d3 = round(b.get(BurnRateWindows.D3), 3);
        s.alert = e.alert().display();
        // Rounded to the minute: the exact second moves with every slice and would patch the status each time.
        s.exhaustionTime = e.exhaustionTime() == null ? null : e.exhaustionTime().truncatedTo(ChronoUnit.MINUTES).toString();
        if (!e.hasData()) {
            s.message = "No data in the " + s.window + " window: " + noData(outcome) + ".";
        } else if (!e.complete()) {
            s.message = "Partial: " + WindowCoverage.describe(e, window) + "; until it is all read, sqo takes the remaining "
                    + "budget as unknown and neither scales in nor lowers requests on it.";
        }
        return s;
    }

    private static String noData(ObjectiveOutcome o) {
        return o.problem() != null ? o.problem() : "the SLI queries returned no samples";
    }

    private static void summarize(ServiceQualityStatus status) {
        long met = status.objectives.stream().filter(o -> Boolean.TRUE.equals(o.met)).count();
        status.objectivesMet = met + "/" + status.objectives.size();
        status.objectives.stream().map(o -> o.errorBudget.remaining).filter(Objects::nonNull).min(Double::compare)
                .ifPresent(r -> status.worstBudgetRemaining = String.format(Locale.ROOT, "%.1f%%", r * 100));
        status.objectives.stream().map(o -> o.burnRates.h1).filter(Objects::nonNull).max(Double::compare)
                .ifPresent(b -> status.worstBurnRate1h = String.format(Locale.ROOT, "%.2f", b));
    }

    private static void metricsAvailable(EvaluationReport report, ConditionSet conditions) {
        List<String> problems = new ArrayList<>();
        String reason = null;
        for (ObjectiveOutcome o : report.objectives()) {
            if (o.evaluation() == null) {
                problems.add(o.problem());
                reason = "QueryFailed".equals(reason) ? reason : o.problemReason();
            } else if (!o.hasData()) {
                problems.add("objective " + o.objective().name + ": " + noData(o));
                reason = reason == null ? "NoData" : reason;
            }
        }
        int n = report.objectives().size();
        if (problems.isEmpty()) {
            String message = "All " + n + " objectives have data from " + report.source() + ".";
            conditions.set(READY, ConditionSet.TRUE, "Evaluated", "All " + n + " objectives evaluated.");
            conditions.set(METRICS_AVAILABLE, ConditionSet.TRUE, "AllObjectivesHaveData", message);
        } else {
            String message = (n - problems.size()) + " of " + n + " objectives have data from " + report.source()
                    + ": " + String.join("; ", problems) + ".";
            conditions.set(READY, ConditionSet.FALSE, "MetricsUnavailable", message);
            conditions.set(METRICS_AVAILABLE, ConditionSet.FALSE, reason, message);
        }
    }

    private static void objectivesMet(EvaluationReport report, ConditionSet conditions) {
        List<String> missed = new ArrayList<>();
        boolean anyWithoutData = false;
        for (ObjectiveOutcome o : report.objectives()) {
            if (!o.hasData()) {
                anyWithoutData = true;
            } else if (!o.evaluation().met(o.objective().target)) {
                missed.add(String.format(Locale.ROOT, "%s at %.3f%% is below its %s%% target", o.objective().name,
                        o.evaluation().attainment(), BigDecimal.valueOf(o.objective().target).stripTrailingZeros().toPlainString()));
            }
        }
        if (!missed.isEmpty()) {
            conditions.set(OBJECTIVES_MET, ConditionSet.FALSE, "ObjectivesMissed", String.join("; ", missed) + ".");
        } else if (anyWithoutData) {
            conditions.set(OBJECTIVES_MET, ConditionSet.UNKNOWN, "NoData",
                    "Objectives with data meet their targets; some have no data (see MetricsAvailable).");
        } else {
            conditions.set(OBJECTIVES_MET, ConditionSet.TRUE, "AllObjectivesMet", "All objectives meet their targets.");
        }
    }

    private static void budgetBurning(EvaluationReport report, ConditionSet conditions) {
        List<String> burning = new ArrayList<>();
        AlertLevel worst = AlertLevel.NONE;
        boolean anyData = false;
        for (ObjectiveOutcome o : report.objectives()) {
            if (o.evaluation() == null) {
                continue;
            }
            anyData |= o.hasData();
            List<BurnRateAlertRule> firing = MultiWindowAlertPolicy.firing(o.evaluation().burnRates(), report.window());
            if (firing.isEmpty()) {
                continue;
            }
            BurnRateAlertRule rule = firing.get(0);
            worst = worst.max(rule.level());
            Instant exhaustion = o.evaluation().exhaustionTime();
            burning.add(String.format(Locale.ROOT, "%s burns its error budget at %.1fx over %s and %.1fx over %s "
                            + "(%s threshold %.2fx)%s", o.objective().name,
                    o.evaluation().burnRates().get(rule.longWindow()), PromDuration.format(rule.longWindow()),
                    o.evaluation().burnRates().get(rule.shortWindow()), PromDuration.format(rule.shortWindow()),
                    rule.level().display().toLowerCase(Locale.ROOT), rule.factor(report.window()),
                    exhaustion == null ? "" : "; at the 1h rate the budget runs out at "
                            + exhaustion.truncatedTo(ChronoUnit.MINUTES)));
        }
        if (worst == AlertLevel.PAGE) {
            conditions.set(BUDGET_BURNING, ConditionSet.TRUE, "FastBurn", String.join("; ", burning) + ".");
        } else if (worst == AlertLevel.TICKET) {
            conditions.set(BUDGET_BURNING, ConditionSet.TRUE, "SlowBurn", String.join("; ", burning) + ".");
        } else if (anyData) {
            List<String> unmeasured = report.objectives().stream().filter(o -> !o.hasData()).map(o -> o.objective().name).toList();
            conditions.set(BUDGET_BURNING, ConditionSet.FALSE, "WithinBudget",
                    "No objective burns its error budget faster than the ticket thresholds"
                            + (unmeasured.isEmpty() ? "." : "; not measured: " + String.join(", ", unmeasured) + "."));
        } else {
            conditions.set(BUDGET_BURNING, ConditionSet.UNKNOWN, "NoData", "No objective has data (see MetricsAvailable).");
        }
    }

    static Double round(Double v, int decimals) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }
}
