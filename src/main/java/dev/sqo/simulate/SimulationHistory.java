package dev.sqo.simulate;

import dev.sqo.playground.LogNormalLatency;
import dev.sqo.playground.SyntheticService;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A simulation run as Prometheus would have scraped it, in the OpenMetrics text format promtool backfills: request
 * counters by status code and a latency histogram (errors observed beyond every bucket, as slow requests), one
 * sample at the end of every step.
 */
public final class SimulationHistory {

    private SimulationHistory() {
    }

    /** @param shift moves the run in time (whole days keep its slices aligned), e.g. to within Prometheus's retention */
    public static void write(Path file, PolicyResult run, Duration step, String job, Duration shift) throws IOException {
        double seconds = step.toMillis() / 1000.0;
        List<PolicyResult.StepRow> rows = run.timeline();
        Instant start = SimulationState.EPOCH.plus(shift);
        double[] bounds = SyntheticService.BUCKETS;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# TYPE http_requests counter\n");
            long ok = 0;
            long failed = 0;
            StringBuilder errors = new StringBuilder();
            for (PolicyResult.StepRow r : rows) {
                long requests = Math.round(r.rps() * seconds);
                long bad = Math.round(requests * r.errorPercent() / 100);
                ok += requests - bad;
                failed += bad;
                long ts = time(start, r, step);
                out.write("http_requests_total{job=\"" + job + "\",code=\"200\"} " + ok + " " + ts + "\n");
                errors.append("http_requests_total{job=\"").append(job).append("\",code=\"503\"} ").append(failed).append(' ').append(ts).append('\n');
            }
            out.write(errors.toString());
            out.write("# TYPE http_request_duration_seconds histogram\n");
            long[] cumulative = new long[bounds.length];
            long count = 0;
            double sum = 0;
            for (PolicyResult.StepRow r : rows) {
                long requests = Math.round(r.rps() * seconds);
                long servedOk = requests - Math.round(requests * r.errorPercent() / 100);
                LogNormalLatency latency = r.medianMs() > 0 ? new LogNormalLatency(r.medianMs() / 1000, ServiceModel.LATENCY_SIGMA) : null;
                long ts = time(start, r, step);
                String labels = "job=\"" + job + "\"";
                for (int b = 0; b < bounds.length; b++) {
                    cumulative[b] += latency == null ? 0 : Math.round(servedOk * latency.fractionUnder(bounds[b]));
                    out.write("http_request_duration_seconds_bucket{" + labels + ",le=\"" + le(bounds[b]) + "\"} " + cumulative[b] + " " + ts + "\n");
                }
                count += requests;
                sum += latency == null ? 0 : servedOk * latency.mean();
                out.write("http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + count + " " + ts + "\n");
                out.write("http_request_duration_seconds_count{" + labels + "} " + count + " " + ts + "\n");
                out.write("http_request_duration_seconds_sum{" + labels + "} " + String.format(Locale.ROOT, "%.3f", sum) + " " + ts + "\n");
            }
            out.write("# EOF\n");
        }
    }

    /** The scrape at the end of the step. */
    private static long time(Instant start, PolicyResult.StepRow r, Duration step) {
        return start.plusMillis(Math.round(r.minute() * 60_000)).plus(step).getEpochSecond();
    }

    private static String le(double bound) {
        return bound == Math.rint(bound) ? String.format(Locale.ROOT, "%.1f", bound) : Double.toString(bound);
    }
}
