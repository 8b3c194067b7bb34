import dev.sqo.simulate.PolicyResult;
import dev.sqo.simulate.Scenario;
import dev.sqo.simulate.ScenarioFile;
import dev.sqo.simulate.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The benchmark for sqo's scaling decisions: every scenario of bench/scenarios/ under sqo, an HPA on CPU at 70% and
 * the oracle, side by side, then a verdict per scenario against the targets sqo is held to. It reports; it does not
 * fail when sqo misses them.
 *
 * The targets, per scenario: sqo meets every objective the HPA meets, and where the HPA misses one (the flash crowd),
 * its attainment is at least the HPA's (less 0.005 percentage points for rounding); its replica-hours are at most 0.92
 * times the HPA's on seasonal traffic, which a policy can learn, and at most the HPA's elsewhere. Attainment above a
 * met target is budget left unspent: an attainment at least the HPA's on every objective is out of reach of any policy
 * that is cheaper than the HPA in this model, the clairvoyant oracle too, so it is shown, not required.
 */
public class DecisionBench {

    static final Path SCENARIOS = Path.of("bench/scenarios");
    /** The ServiceQuality the scenarios share: in the same folder, but no scenario. */
    static final String SERVICE_QUALITY = "service.yaml";
    static final String SQO = "sqo";
    static final String HPA = "hpa-cpu-70";
    static final String ORACLE = "oracle";
    static final Set<String> SEASONAL = Set.of("working-week", "two-weeks", "growth", "busy-then-quiet");
    static final double SEASONAL_REPLICA_HOURS = 0.92;
    static final double OTHER_REPLICA_HOURS = 1.0;
    static final double ROUNDING_POINTS = 0.005;

    record Run(String scenario, String policy, PolicyResult result) {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals(SERVICE_QUALITY))
                    .sorted().toList()) {
                Scenario s = ScenarioFile.read(f);
                if (!s.policies().contains(SQO) || !s.policies().contains(HPA)) {
                    throw new IllegalArgumentException(f + ": the bench compares " + SQO + " with " + HPA + "; list both in policies");
                }
                scenarios.put(f.getFileName().toString().replaceFirst("\\.yaml$", ""), s);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // Longest runs first, so that the longest scenario does not start last and run alone.
        List<Map.Entry<String, Scenario>> bySize = scenarios.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Scenario> e) -> e.getValue().duration()).reversed()).toList();
        List<Future<Run>> futures = new ArrayList<>();
        long steps = 0;
        for (Map.Entry<String, Scenario> e : bySize) {
            for (String policy : e.getValue().policies()) {
                futures.add(pool.submit(() -> new Run(e.getKey(), policy, Simulation.run(e.getValue(), policy))));
                steps += e.getValue().duration().toMillis() / e.getValue().step().toMillis();
            }
        }
        Map<String, Map<String, PolicyResult>> results = new LinkedHashMap<>();
        scenarios.keySet().forEach(name -> results.put(name, new LinkedHashMap<>()));
        for (Future<Run> f : futures) {
            Run run = f.get();
            results.get(run.scenario()).put(run.policy(), run.result());
        }
        pool.shutdown();
        for (Map.Entry<String, Map<String, PolicyResult>> e : results.entrySet()) {
            Map<String, PolicyResult> ordered = new LinkedHashMap<>();
            scenarios.get(e.getKey()).policies().forEach(p -> ordered.put(p, e.getValue().get(p)));
            e.setValue(ordered);
        }

        System.out.print(table(results));
        System.out.println();
        int met = 0;
        for (Map.Entry<String, Map<String, PolicyResult>> e : results.entrySet()) {
            List<String> misses = misses(e.getKey(), e.getValue().get(SQO), e.getValue().get(HPA));
            met += misses.isEmpty() ? 1 : 0;
            System.out.println("- " + e.getKey() + ": " + verdict(misses));
            // The clairvoyant oracle against the same targets: whether they can be reached at all on this scenario.
            PolicyResult oracle = e.getValue().get(ORACLE);
            if (oracle != null) {
                System.out.println("  (the oracle against the same targets: " + verdict(misses(e.getKey(), oracle, e.getValue().get(HPA))) + ")");
            }
        }
        System.out.printf(Locale.ROOT, "%nsqo meets the targets in %d of %d scenarios.%n", met, results.size());
        System.out.printf(Locale.ROOT, "Ran %d scenarios (%d policy runs, %d simulated steps) in %.1f s on %d threads.%n", results.size(),
                futures.size(), steps, (System.nanoTime() - start) / 1e9, threads);
    }

    /** One row per policy; attainment per objective with whether it is met, replica-hours and their ratio to the HPA's. */
    static String table(Map<String, Map<String, PolicyResult>> results) {
        List<PolicyResult.ObjectiveResult> objectives = results.values().iterator().next().get(SQO).objectives();
        StringBuilder t = new StringBuilder("| scenario | policy |");
        objectives.forEach(o -> t.append(String.format(Locale.ROOT, " %s (target %s%%) |", o.name(), plain(o.target()))));
        t.append(" replica-hours | vs HPA |\n|---|---|");
        objectives.forEach(o -> t.append("---|"));
        t.append("---|---|\n");
        for (Map.Entry<String, Map<String, PolicyResult>> e : results.entrySet()) {
            double hpaHours = e.getValue().get(HPA).replicaHours();
            boolean first = true;
            for (PolicyResult r : e.getValue().values()) {
                t.append("| ").append(first ? e.getKey() : "").append(" | ").append(r.policy()).append(" |");
                for (PolicyResult.ObjectiveResult o : r.objectives()) {
                    t.append(String.format(Locale.ROOT, " %.3f%% %s |", o.attainment(), o.met() ? "met" : "**missed**"));
                }
                t.append(String.format(Locale.ROOT, " %.1f | %.2f× |%n", r.replicaHours(), r.replicaHours() / hpaHours));
                first = false;
            }
        }
        return t.toString();
    }

    static String verdict(List<String> misses) {
        return misses.isEmpty() ? "MET" : "MISSED: " + String.join("; ", misses);
    }

    /** The targets a policy misses in the scenario, in words; empty when it meets them all. */
    static List<String> misses(String scenario, PolicyResult policy, PolicyResult hpa) {
        List<String> misses = new ArrayList<>();
        for (int o = 0; o < policy.objectives().size(); o++) {
            PolicyResult.ObjectiveResult mine = policy.objectives().get(o);
            PolicyResult.ObjectiveResult theirs = hpa.objectives().get(o);
            if (theirs.met() && !mine.met()) {
                misses.add(String.format(Locale.ROOT, "%s missed (%.3f%%), which the HPA meets", mine.name(), mine.attainment()));
            } else if (!theirs.met() && mine.attainment() < theirs.attainment() - ROUNDING_POINTS) {
                misses.add(String.format(Locale.ROOT, "%s %.3f%% under the HPA's %.3f%%", mine.name(), mine.attainment(), theirs.attainment()));
            }
        }
        double bound = SEASONAL.contains(scenario) ? SEASONAL_REPLICA_HOURS : OTHER_REPLICA_HOURS;
        double ratio = policy.replicaHours() / hpa.replicaHours();
        if (ratio > bound) {
            misses.add(String.format(Locale.ROOT, "replica-hours %.2f× the HPA's (at most %.2f×)", ratio, bound));
        }
        return misses;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
