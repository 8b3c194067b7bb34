package dev.sqo.playground;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes what Prometheus would have scraped from services once a minute, in the OpenMetrics text format that
 * {@code promtool tsdb create-blocks-from openmetrics} reads: request counters by status code and a latency
 * histogram.
 */
public final class OpenMetricsHistory {

    private OpenMetricsHistory() {
    }

    /** Samples for minutes firstMinute+1 .. lastMinute, counters starting from zero at firstMinute. */
    public static void write(Path file, List<SyntheticService> services, long firstMinute, long lastMinute) throws IOException {
        write(file, services, List.of(), firstMinute, lastMinute);
    }

    /** Also the cAdvisor series of the workloads: container CPU seconds and memory working set per pod. */
    public static void write(Path file, List<SyntheticService> services, List<SyntheticWorkload> workloads, long firstMinute,
                             long lastMinute) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# HELP http_requests Requests served, by status code.\n# TYPE http_requests counter\n");
            for (SyntheticService s : services) {
                long ok = 0;
                long failed = 0;
                StringBuilder errorLines = new StringBuilder();
                for (long m = firstMinute + 1; m <= lastMinute; m++) {
                    long errors = s.errors(m);
                    ok += s.requests(m) - errors;
                    failed += errors;
                    out.write("http_requests_total{job=\"" + s.job() + "\",code=\"200\"} " + ok + " " + m * 60 + "\n");
                    errorLines.append("http_requests_total{job=\"").append(s.job()).append("\",code=\"500\"} ")
                            .append(failed).append(' ').append(m * 60).append('\n');
                }
                out.write(errorLines.toString());
            }
            out.write("# HELP http_request_duration_seconds Request latency.\n# TYPE http_request_duration_seconds histogram\n");
            for (SyntheticService s : services) {
                long[] cumulative = new long[SyntheticService.BUCKETS.length];
                long count = 0;
                double sum = 0;
                String labels = "job=\"" + s.job() + "\"";
                for (long m = firstMinute + 1; m <= lastMinute; m++) {
                    long[] buckets = s.latencyBuckets(m);
                    String ts = " " + m * 60 + "\n";
                    for (int b = 0; b < buckets.length; b++) {
                        cumulative[b] += buckets[b];
                        out.write("http_request_duration_seconds_bucket{" + labels + ",le=\"" + le(SyntheticService.BUCKETS[b])
                                + "\"} " + cumulative[b] + ts);
                    }
                    count += s.requests(m);
                    sum += s.requests(m) * s.meanLatency(m);
                    out.write("http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + count + ts);
                    out.write("http_request_duration_seconds_count{" + labels + "} " + count + ts);
                    out.write("http_request_duration_seconds_sum{" + labels + "} " + String.format(Locale.ROOT, "%.3f", sum) + ts);
                }
            }
            if (!workloads.isEmpty()) {
                writeWorkloads(out, workloads, firstMinute, lastMinute);
            }
            out.write("# EOF\n");
        }
    }

    private static void writeWorkloads(BufferedWriter out, List<SyntheticWorkload> workloads, long firstMinute, long lastMinute)
            throws IOException {
        out.write("# HELP container_cpu_usage_seconds Cumulative CPU time consumed.\n# TYPE container_cpu_usage_seconds counter\n");
        for (SyntheticWorkload w : workloads) {
            for (int p = 0; p < w.pods().size(); p++) {
                String labels = labels(w, p);
                double seconds = 0;
                for (long m = firstMinute + 1; m <= lastMinute; m++) {
                    seconds += w.cpu(p, m) * 60;
                    out.write("container_cpu_usage_seconds_total{" + labels + "} " + String.format(Locale.ROOT, "%.3f", seconds)
                            + " " + m * 60 + "\n");
                }
            }
        }
        out.write("# HELP container_memory_working_set_bytes Current working set.\n# TYPE container_memory_working_set_bytes gauge\n");
        for (SyntheticWorkload w : workloads) {
            for (int p = 0; p < w.pods().size(); p++) {
                String labels = labels(w, p);
                for (long m = firstMinute + 1; m <= lastMinute; m++) {
                    out.write("container_memory_working_set_bytes{" + labels + "} " + (long) w.memory(p, m) + " " + m * 60 + "\n");
                }
            }
        }
    }

    private static String labels(SyntheticWorkload w, int pod) {
        return "namespace=\"" + w.namespace() + "\",pod=\"" + w.pods().get(pod) + "\",container=\"" + w.container() + "\"";
    }

    static String le(double bound) {
        return bound == Math.rint(bound) ? String.format(Locale.ROOT, "%.1f", bound) : Double.toString(bound);
    }
}
