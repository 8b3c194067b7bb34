package dev.sqo.testing;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.playground.DemoHistory;
import dev.sqo.playground.LocalPrometheus;
import dev.sqo.playground.OpenMetricsHistory;
import dev.sqo.playground.SyntheticService;
import dev.sqo.playground.SyntheticWorkload;
import dev.sqo.rules.PromRuleGroup;
import dev.sqo.rules.SloRuleGenerator;
import dev.sqo.slo.SliceSeries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One real Prometheus for the whole test run, loaded with 31 days of history that ends at {@link #END}: the demo
 * services of examples/ and the {@link #SCENARIO} service whose numbers the integration tests check. Started on
 * first use, stopped when the JVM exits.
 */
public final class TestPrometheus {

    /** A slice boundary a little before now, so that evaluations at END see complete slices. */
    public static final Instant END = SliceSeries.startOf(SliceSeries.indexAt(Instant.now()) - 1);

    public static final Instant OUTAGE_START = END.minus(Duration.ofDays(12));
    public static final Duration OUTAGE_LENGTH = Duration.ofMinutes(30);
    public static final Instant SLOW_START = END.minus(Duration.ofDays(3));
    public static final Duration SLOW_LENGTH = Duration.ofHours(2);
    public static final Duration FAST_BURN_LENGTH = Duration.ofHours(1);

    /**
     * Steady 0.05% errors, a 30-minute full outage 12 days ago, a 3% error burn for the last hour (burn 30 at
     * 99.9%: a page), and two slow hours 3 days ago (median latency x8).
     */
    public static final SyntheticService SCENARIO = new SyntheticService("scenario", 1000, 0.3, 0.0005, 0.1, List.of(
            new SyntheticService.Incident(OUTAGE_START, OUTAGE_LENGTH, 1.0, 1.0),
            new SyntheticService.Incident(END.minus(FAST_BURN_LENGTH), FAST_BURN_LENGTH, 0.03, 1.0),
            new SyntheticService.Incident(SLOW_START, SLOW_LENGTH, Double.NaN, 8.0)));

    /**
     * The objective of the scenario fixture whose 5-minute recordings are backfilled, as Prometheus would have
     * them after evaluating sqo's rules every minute for a month.
     */
    public static final String RECORDED_FIXTURE = "scenario.yaml";
    public static final String RECORDED_OBJECTIVE = "availability";
    public static final Duration RULE_INTERVAL = Duration.ofMinutes(1);

    /** Namespace of the workloads whose cAdvisor series the optimization tests read. */
    public static final String WORKLOAD_NAMESPACE = "opt";
    public static final Instant BUSY_FROM = END.minus(Duration.ofHours(2));
    private static final double MIB = 1024 * 1024;

    /** Two pods at 0.2 cores each, at 0.45 (90% of a 500m request) for the last two hours. */
    public static final SyntheticWorkload BUSY = new SyntheticWorkload(WORKLOAD_NAMESPACE, "app",
            List.of("busy-5d8f7c-abcde", "busy-5d8f7c-fghij"), 0.2, 0.1, 100 * MIB, BUSY_FROM, 2.25, 1.0);
    /** Memory at 150Mi, 240Mi (94% of a 256Mi limit) for the last two hours; CPU quiet. */
    public static final SyntheticWorkload LEAKY = new SyntheticWorkload(WORKLOAD_NAMESPACE, "app",
            List.of("leaky-6c7b9d-klmno", "leaky-6c7b9d-pqrst"), 0.15, 0.1, 150 * MIB, BUSY_FROM, 1.0, 1.6);
    /** Three pods using about 0.1 cores and 100Mi, far below their requests of 1 core and 512Mi. */
    public static final SyntheticWorkload QUIET = new SyntheticWorkload(WORKLOAD_NAMESPACE, "app",
            List.of("quiet-7d9f8b-uvwxy", "quiet-7d9f8b-z1234", "quiet-7d9f8b-56789"), 0.1, 0.3, 100 * MIB, null, 1, 1);

    /** A StatefulSet's two pods, busy like {@link #BUSY}. */
    public static final SyntheticWorkload LEDGER = new SyntheticWorkload(WORKLOAD_NAMESPACE, "app",
            List.of("ledger-0", "ledger-1"), 0.2, 0.1, 100 * MIB, BUSY_FROM, 2.25, 1.0);

    private static LocalPrometheus prometheus;

    /** Backfills the 5-minute event recordings of one scenario objective over the whole history with promtool. */
    private static void backfillScenarioRecordings() throws IOException {
        ServiceQuality sq = Fixtures.serviceQuality(RECORDED_FIXTURE);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (PromRuleGroup group : SloRuleGenerator.generate(sq)) {
            group.rules().stream().filter(r -> r.record() != null && r.record().endsWith("events:rate5m")
                            && RECORDED_OBJECTIVE.equals(r.labels().get("sqo_objective")))
                    .forEach(r -> rules.add(r.toMap()));
        }
        Path file = Files.createTempFile("sqo-recordings", ".yml");
        try {
            new YAMLMapper().writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "backfill", "rules", rules))));
            prometheus.backfillRules(file, END.minus(DemoHistory.LENGTH), END, RULE_INTERVAL);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private TestPrometheus() {
    }

    public static synchronized URI url() {
        if (prometheus == null) {
            List<SyntheticService> services = new ArrayList<>(DemoHistory.services(END));
            services.add(SCENARIO);
            long last = END.getEpochSecond() / 60;
            try {
                List<SyntheticWorkload> workloads = new ArrayList<>(DemoHistory.workloads(END));
                workloads.addAll(List.of(BUSY, LEAKY, QUIET, LEDGER));
                prometheus = LocalPrometheus.start(file -> OpenMetricsHistory.write(file, services, workloads,
                        last - DemoHistory.LENGTH.toMinutes(), last));
                backfillScenarioRecordings();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close));
        }
        return prometheus.url();
    }
}
