package dev.sqo.simulate;

import dev.sqo.slo.PromDuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The comparison as one self-contained HTML page: a summary table and charts over time (traffic, replicas with the
 * actions marked, p99 latency, each objective's SLI and remaining budget), one line per policy. The charts show the
 * whole run, with the history before the scenario's scoreFrom shaded: it explains the state the scored part starts
 * in. Inline SVG and CSS only, so it opens offline and from a CI artifact.
 */
public final class HtmlReport {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int PAD = 48;
    /** Charts keep at most this many points per line; a day at 30-second steps has 2880. */
    private static final int POINTS = 720;

    private HtmlReport() {
    }

    public static Path write(Path dir, Path scenarioFile, Scenario scenario, List<PolicyResult> results) throws IOException {
        Files.createDirectories(dir);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sqo simulate: ")
                .append(escape(scenarioFile.getFileName().toString())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th{background:#f4f4f4}")
                .append("td:first-child,th:first-child,td:nth-child(2){text-align:left}.missed{color:#d62728;font-weight:600}")
                .append("svg{display:block;margin:8px 0 24px}.legend span{margin-right:16px}</style></head><body>\n")
                .append("<h1>sqo simulate</h1><p>Scenario <code>").append(escape(scenarioFile.toString())).append("</code>: ")
                .append(escape(scenario.duration().toString().substring(2).toLowerCase(Locale.ROOT))).append(" in steps of ")
                .append(scenario.step().toSeconds()).append(" s, seed ").append(scenario.seed()).append(", ServiceQuality ")
                .append(escape(scenario.serviceQuality().getMetadata().getName())).append(".</p>\n");
        double history = scenario.scoreFrom().toSeconds() / 60.0;
        if (history > 0) {
            html.append("<p>Scored from ").append(escape(PromDuration.format(scenario.scoreFrom())))
                    .append(": the table counts only what came after; the shaded part of the charts is history.</p>\n");
        }
        html.append(summary(results)).append(legend(results));
        html.append(chart("Traffic (requests per second)", results.subList(0, 1), r -> series(r, PolicyResult.StepRow::rps), false, null, history));
        html.append(chart("Replicas (dots: actions)", results, r -> series(r, row -> (double) row.replicas()), true, null, history));
        html.append(chart("p99 latency (ms)", results, r -> series(r, PolicyResult.StepRow::p99Ms), false, null, history));
        for (int o = 0; o < scenario.serviceQuality().getSpec().objectives.size(); o++) {
            int objective = o;
            var spec = scenario.serviceQuality().getSpec().objectives.get(o);
            // Clipped near the target and at -100% budget: a policy far off the mark would flatten the others' lines.
            html.append(chart("SLI of " + spec.name + " (%, target " + spec.target + ")", results,
                    r -> sliceSeries(r, row -> row.sli(), objective), false, spec.target - 2 * (100 - spec.target), history));
            html.append(chart("Remaining error budget of " + spec.name + " (%)", results,
                    r -> sliceSeries(r, row -> row.budgetLeft(), objective), false, -100.0, history));
        }
        html.append("</body></html>\n");
        Path file = dir.resolve("index.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static String summary(List<PolicyResult> results) {
        StringBuilder t = new StringBuilder("<table><tr><th>policy</th><th>objective</th><th>target</th><th>attained</th>"
                + "<th>budget consumed</th><th>alerts</th><th>replica-hours</th><th>peak</th><th>actions</th><th>worst p99</th></tr>\n");
        for (PolicyResult r : results) {
            boolean first = true;
            for (PolicyResult.ObjectiveResult o : r.objectives()) {
                t.append("<tr><td>").append(first ? escape(r.policy()) : "").append("</td><td>").append(escape(o.name()))
                        .append("</td><td>").append(format("%.2f%%", o.target())).append("</td><td").append(o.met() ? ">" : " class=\"missed\">")
                        .append(format("%.3f%%", o.attainment())).append("</td><td>").append(format("%.0f%%", o.budgetConsumed() * 100))
                        .append("</td><td>").append(o.alertsRaised()).append("</td><td>")
                        .append(first ? format("%.1f", r.replicaHours()) : "").append("</td><td>").append(first ? r.peakReplicas() : "")
                        .append("</td><td>").append(first ? r.actions() : "").append("</td><td>")
                        .append(first ? format("%.0f ms", r.worstP99Ms()) : "").append("</td></tr>\n");
                first = false;
            }
        }
        return t.append("</table>\n").toString();
    }

    private static String legend(List<PolicyResult> results) {
        StringBuilder l = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < results.size(); i++) {
            l.append("<span style=\"color:").append(COLORS[i % COLORS.length]).append("\">&#9632; ").append(escape(results.get(i).policy()))
                    .append("</span>");
        }
        return l.append("</p>\n").toString();
    }

    /** (minute, value) points of a per-step value. */
    private static List<double[]> series(PolicyResult r, Function<PolicyResult.StepRow, Double> value) {
        List<double[]> points = new ArrayList<>();
        for (PolicyResult.StepRow row : r.timeline()) {
            points.add(new double[]{row.minute(), value.apply(row)});
        }
        return points;
    }

    /** (minute, value) points of a value only known at slice boundaries, for one objective. */
    private static List<double[]> sliceSeries(PolicyResult r, Function<PolicyResult.StepRow, List<Double>> values, int objective) {
        List<double[]> points = new ArrayList<>();
        for (PolicyResult.StepRow row : r.timeline()) {
            List<Double> v = values.apply(row);
            if (v.size() > objective && v.get(objective) != null) {
                points.add(new double[]{row.minute(), v.get(objective)});
            }
        }
        return points;
    }

    /**
     * @param floor   values under it are drawn at it (the chart says so), or null
     * @param history minutes before scoring starts, shaded; 0 for none
     */
    private static String chart(String title, List<PolicyResult> results, Function<PolicyResult, List<double[]>> data, boolean markChanges,
                                Double floor, double history) {
        List<List<double[]>> lines = results.stream().map(data).map(HtmlReport::thin)
                .map(line -> floor == null ? line : line.stream().map(p -> new double[]{p[0], Math.max(floor, p[1])}).toList()).toList();
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (List<double[]> line : lines) {
            for (double[] p : line) {
                xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        if (yMin > yMax) {
            return "<h3>" + escape(title) + "</h3><p>No data.</p>\n";
        }
        if (yMax - yMin < 1e-9) {
            yMax = yMin + 1;
        }
        String clipped = floor != null && yMin <= floor ? " (clipped at " + format("%.4g", floor) + ")" : "";
        StringBuilder svg = new StringBuilder("<h3>").append(escape(title + clipped)).append("</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">")
                .append("<rect x=\"").append(PAD).append("\" y=\"8\" width=\"").append(WIDTH - PAD - 8).append("\" height=\"")
                .append(HEIGHT - PAD).append("\" fill=\"none\" stroke=\"#ccc\"/>")
                .append(history > 0 ? format("<rect class=\"history\" x=\"%d\" y=\"8\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"/>", PAD,
                        x(Math.min(history, xMax), xMax) - PAD, HEIGHT - PAD) + text(PAD + 4, 20, "history") : "")
                .append(text(4, 16, format("%.4g", yMax))).append(text(4, HEIGHT - PAD + 8, format("%.4g", yMin)))
                .append(text(PAD, HEIGHT - PAD + 26, "0 h")).append(text(WIDTH - 60, HEIGHT - PAD + 26, format("%.1f h", xMax / 60)));
        for (int i = 0; i < lines.size(); i++) {
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : lines.get(i)) {
                points.append(format("%.1f,%.1f ", x(p[0], xMax), y(p[1], yMin, yMax)));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color).append("\" points=\"").append(points.toString().trim())
                    .append("\"><title>").append(escape(results.get(i).policy())).append("</title></polyline>");
            if (markChanges) {
                List<double[]> all = data.apply(results.get(i));
                for (int k = 1; k < all.size(); k++) {
                    if (all.get(k)[1] != all.get(k - 1)[1]) {
                        svg.append(format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x(all.get(k)[0], xMax),
                                y(all.get(k)[1], yMin, yMax), color));
                    }
                }
            }
        }
        return svg.append("</svg>\n").toString();
    }

    /** At most {@link #POINTS} points: each kept point is the highest of its stretch, so peaks stay visible. */
    private static List<double[]> thin(List<double[]> points) {
        if (points.size() <= POINTS) {
            return points;
        }
        List<double[]> out = new ArrayList<>();
        int per = (int) Math.ceil(points.size() / (double) POINTS);
        for (int i = 0; i < points.size(); i += per) {
            double[] best = points.get(i);
            for (int k = i; k < Math.min(points.size(), i + per); k++) {
                if (points.get(k)[1] > best[1]) {
                    best = points.get(k);
                }
            }
            out.add(new double[]{points.get(i)[0], best[1]});
        }
        return out;
    }

    private static double x(double minute, double xMax) {
        return PAD + (xMax == 0 ? 0 : minute / xMax) * (WIDTH - PAD - 8);
    }

    private static double y(double v, double min, double max) {
        return 8 + (1 - (v - min) / (max - min)) * (HEIGHT - PAD);
    }

    private static String text(double x, double y, String s) {
        return format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" fill=\"#555\">", x, y) + escape(s) + "</text>";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
