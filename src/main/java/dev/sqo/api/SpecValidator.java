package dev.sqo.api;

import dev.sqo.slo.PromDuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CRD's schema and CEL rules, once more in Java: for files given to the CLI, and for resources that reached
 * the cluster without admission validation (an older CRD, a cluster without CEL). Each problem names its field.
 */
public final class SpecValidator {

    private static final Duration MIN_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(90);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern METRIC = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
    private static final Pattern PERIOD = Pattern.compile(Durations.PERIOD_PATTERN);
    private static final Pattern LATENCY = Pattern.compile(Durations.LATENCY_PATTERN);
    private static final Pattern TIMEOUT = Pattern.compile(Durations.TIMEOUT_PATTERN);

    private SpecValidator() {
    }

    public static List<String> problems(ServiceQualitySpec spec) {
        List<String> out = new ArrayList<>();
        if (spec == null) {
            out.add("spec: is required");
            return out;
        }
        target(spec.targetRef, out);
        if (spec.window == null || !PERIOD.matcher(spec.window).matches()) {
            out.add("spec.window: '" + spec.window + "' is not a duration like 30d, 28d or 12h");
        } else {
            Duration w = PromDuration.parse(spec.window);
            if (w.compareTo(MIN_WINDOW) < 0 || w.compareTo(MAX_WINDOW) > 0) {
                out.add("spec.window: must be between 1h and 90d, got " + spec.window);
            } else if (w.toMinutes() % 5 != 0) {
                out.add("spec.window: must be a whole number of 5-minute slices, got " + spec.window);
            }
        }
        if (spec.prometheus != null && (spec.prometheus.url == null || !spec.prometheus.url.matches("^https?://[^@\\s]+$"))) {
            out.add("spec.prometheus.url: must be an http(s) URL without credentials");
        }
        if (spec.prometheus != null && spec.prometheus.timeout != null && !TIMEOUT.matcher(spec.prometheus.timeout).matches()) {
            out.add("spec.prometheus.timeout: must be a positive duration like 10s or 500ms, got " + spec.prometheus.timeout);
        }
        if (spec.prometheus != null && spec.prometheus.bearerTokenSecret != null && spec.prometheus.basicAuthSecret != null) {
            out.add("spec.prometheus: set at most one of bearerTokenSecret and basicAuthSecret");
        }
        objectives(spec.objectives, out);
        exclusions(spec.exclusions, out);
        OptimizationValidator.check(spec.optimization, spec.objectives, out);
        return out;
    }

    private static void target(TargetRef t, List<String> out) {
        if (t == null) {
            out.add("spec.targetRef: is required");
            return;
        }
        if (!"apps/v1".equals(t.apiVersion)) {
            out.add("spec.targetRef.apiVersion: only apps/v1 is supported, got " + t.apiVersion);
        }
        if (!"Deployment".equals(t.kind) && !"StatefulSet".equals(t.kind)) {
            out.add("spec.targetRef.kind: must be Deployment or StatefulSet, got " + t.kind);
        }
        if (t.name == null || t.name.isBlank()) {
            out.add("spec.targetRef.name: is required");
        }
    }

    private static void objectives(List<Objective> objectives, List<String> out) {
        if (objectives == null || objectives.isEmpty()) {
            out.add("spec.objectives: at least one objective is required");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < objectives.size(); i++) {
            Objective o = objectives.get(i);
            String at = "spec.objectives[" + i + "]";
            if (o.name == null || !NAME.matcher(o.name).matches()) {
                out.add(at + ".name: must be lowercase letters, digits and '-', got " + o.name);
            } else if (!names.add(o.name)) {
                out.add(at + ".name: objective names must be unique, '" + o.name + "' repeats");
            }
            if (!(o.target > 0 && o.target < 100)) {
                out.add(at + ".target: is a percentage strictly between 0 and 100, e.g. 99.9; got " + o.target);
            }
            int kinds = (o.ratio != null ? 1 : 0) + (o.latency != null ? 1 : 0) + (o.latencyPercentile != null ? 1 : 0)
                    + (o.apdex != null ? 1 : 0);
            if (kinds != 1) {
                out.add(at + ": set exactly one SLI: ratio, latency, latencyPercentile or apdex");
            }
            if (o.ratio != null) {
                ratio(o.ratio, at + ".ratio", out);
            }
            if (o.latency != null) {
                histogram(o.latency, o.latency.threshold, at + ".latency", out);
            }
            if (o.apdex != null) {
                histogram(o.apdex, o.apdex.threshold, at + ".apdex", out);
            }
            if (o.latencyPercentile != null) {
                histogram(o.latencyPercentile, o.latencyPercentile.threshold, at + ".latencyPercentile", out);
                double p = o.latencyPercentile.percentile;
                if (!(p > 0 && p < 100)) {
                    out.add(at + ".latencyPercentile.percentile: is strictly between 0 and 100, e.g. 99; got " + p);
                }
            }
        }
    }

    private static void ratio(RatioSli r, String at, List<String> out) {
        if ((r.errors == null) == (r.good == null)) {
            out.add(at + ": set exactly one of errors and good");
        }
        if (r.total == null) {
            out.add(at + ".total: is required");
        }
        for (String[] e : new String[][]{{"errors", r.errors}, {"good", r.good}, {"total", r.total}}) {
            if (e[1] != null && !e[1].contains("{{window}}")) {
                out.add(at + "." + e[0] + ": must use the {{window}} placeholder as its range, e.g. rate(x[{{window}}])");
            }
        }
    }

    private static void histogram(HistogramSli h, String threshold, String at, List<String> out) {
        if (h.metric == null || !METRIC.matcher(h.metric).matches()) {
            out.add(at + ".metric: must be a Prometheus metric name, got " + h.metric);
        }
        if (h.selector != null && (h.selector.contains("{") || h.selector.contains("}"))) {
            out.add(at + ".selector: write the label matchers without braces, e.g. job=\"checkout\"");
        }
        if (threshold == null || !LATENCY.matcher(threshold).matches() || PromDuration.parse(threshold).isZero()) {
            out.add(at + ".threshold: must be a positive duration like 300ms, 1s or 2m; got " + threshold);
        }
    }

    private static void exclusions(List<Exclusion> exclusions, List<String> out) {
        if (exclusions == null) {
            return;
        }
        for (int i = 0; i < exclusions.size(); i++) {
            Exclusion e = exclusions.get(i);
            String at = "spec.exclusions[" + i + "]";
            boolean absolute = e.from != null && e.to != null && e.schedule == null && e.duration == null;
            boolean recurring = e.schedule != null && e.duration != null && e.from == null && e.to == null;
            if (!absolute && !recurring) {
                out.add(at + ": an exclusion is either absolute (from and to) or recurring (schedule and duration), not both");
                continue;
            }
            try {
                e.toWindow();
            } catch (DateTimeParseException ex) {
                out.add(at + ": from and to must be RFC 3339 times like 2026-11-20T22:00:00Z");
            } catch (IllegalArgumentException ex) {
                out.add(at + ": " + ex.getMessage());
            }
        }
    }
}
