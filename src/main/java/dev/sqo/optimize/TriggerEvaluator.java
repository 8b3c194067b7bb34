package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.PromDuration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which triggers fire now, from the signals' recent samples. Pure: the signals and the time are passed in. */
public final class TriggerEvaluator {

    /** Signals are sampled every minute; a sustained condition needs every sample of its window. */
    public static final Duration STEP = Duration.ofMinutes(1);

    /** A rule with this signal watches every container's memory:&lt;container&gt; signal. */
    public static final String MEMORY = "memory";
    public static final String BURN = "burn";

    private TriggerEvaluator() {
    }

    public static List<Firing> firing(List<TriggerRule> rules, Map<String, SignalSeries> signals, AlertLevel alert, Instant time) {
        // Prometheus answers on whole seconds: the samples of "now" are keyed by the second.
        Instant now = time.truncatedTo(ChronoUnit.SECONDS);
        List<Firing> out = new ArrayList<>();
        for (TriggerRule rule : rules) {
            if (rule.signal().equals(BURN)) {
                if (alert.compareTo(rule.level()) >= 0) {
                    SignalSeries burn = signals.get(BURN);
                    out.add(new Firing(rule, BURN, burn == null ? null : burn.latest(),
                            "the error budget burns at " + alert.display() + " level"));
                }
            } else if (rule.signal().equals(MEMORY)) {
                signals.forEach((name, series) -> {
                    if (name.startsWith(MEMORY + ":")) {
                        evaluate(rule, name, series, now, out);
                    }
                });
            } else if (signals.containsKey(rule.signal())) {
                evaluate(rule, rule.signal(), signals.get(rule.signal()), now, out);
            }
        }
        return out;
    }

    private static void evaluate(TriggerRule rule, String signal, SignalSeries series, Instant now, List<Firing> out) {
        SustainedThreshold c = rule.condition();
        if (c != null && c.holds(series.values(), STEP, now)) {
            out.add(new Firing(rule, signal, series.latest(), String.format(Locale.ROOT, "%s %s %s for %s (now %s)", signal,
                    c.comparison() == SustainedThreshold.Comparison.ABOVE ? "above" : "below", format(signal, c.threshold()),
                    PromDuration.format(c.duration()), format(signal, series.latest()))));
            return;
        }
        if (rule.baselineFactor() != null) {
            Duration d = rule.duration();
            SustainedThreshold overBaseline = new SustainedThreshold(SustainedThreshold.Comparison.ABOVE, rule.baselineFactor(), d);
            if (overBaseline.holds(series.overBaseline(rule.floor()), STEP, now)) {
                Double baseline = series.baseline().get(now);
                out.add(new Firing(rule, signal, series.latest(), String.format(Locale.ROOT,
                        "%s above %sx its baseline for %s (now %s, baseline %s)", signal, number(rule.baselineFactor()),
                        PromDuration.format(d), format(signal, series.latest()), baseline == null ? "unknown" : format(signal, baseline))));
            }
        }
    }

    /** A signal's value with its unit: percent of requests for CPU and memory, milliseconds, or an error percentage. */
    public static String format(String signal, Double v) {
        if (v == null) {
            return "no data";
        }
        if (signal.startsWith("latency:")) {
            return number(v) + "ms";
        }
        if (signal.startsWith("errors:")) {
            return number(v * 100) + "%";
        }
        if (signal.equals(BURN)) {
            return number(v) + "x over 5m";
        }
        return number(v) + (signal.equals("cpu") || signal.startsWith(MEMORY) ? "%" : "");
    }

    static String number(Double v) {
        if (v == null) {
            return "no data";
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
