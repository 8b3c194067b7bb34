package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateWindows;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sqo's objective control: replicas follow the load over the capacity a pod has shown while the objectives held,
 * ahead of forecast rises, hotter with budget headroom and never scaled in on a burning budget or missing data.
 */
class ObjectiveScalerTest {

    /** A Monday, on a bucket boundary. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration BUCKET = ServiceHistory.STEP;

    private static OptimizationPolicy policy(int min, int max) {
        return new OptimizationPolicy(List.of(), ReplicaBehavior.defaults(min, max), 0.10, Duration.ofMinutes(5), Duration.ofMinutes(10),
                false, false, java.util.Set.of(), ResourcePolicy.cpuDefaults(0.01, 8), ResourcePolicy.memoryDefaults(32e6, 16e9), true);
    }

    /**
     * A history of {@code days} ending now, one value per bucket from the functions of the bucket's index counted back
     * from now (1 = the last closed bucket).
     */
    private static ServiceHistory history(double days, IntToDoubleFunction load, IntToDoubleFunction pods, IntToDoubleFunction strain,
                                          IntToDoubleFunction cpu) {
        int n = (int) (days * 288);
        double[] l = new double[n];
        double[] p = new double[n];
        double[] s = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            int back = n - i;
            l[i] = load.applyAsDouble(back);
            p[i] = pods.applyAsDouble(back);
            s[i] = strain.applyAsDouble(back);
            c[i] = cpu.applyAsDouble(back);
        }
        return new ServiceHistory(NOW.minus(BUCKET.multipliedBy(n)), BUCKET, l, p, s, c);
    }

    /**
     * A steady service: 4 pods, slow requests at 40% of the rate the objective allows, 200 requests/s at 50% CPU, and
     * every tenth bucket 280 at 70%: a pod has served 70 requests/s well.
     */
    private static ServiceHistory steady(double days) {
        return history(days, b -> b % 10 == 0 ? 280 : 200, b -> 4, b -> 0.4, b -> b % 10 == 0 ? 0.7 : 0.5);
    }

    /** 200 requests/s, and 400 every day from the minute of the day given until 18:00. */
    private static IntToDoubleFunction daily(int riseMinute) {
        return b -> {
            long minuteOfDay = Math.floorMod(NOW.minus(BUCKET.multipliedBy(b)).getEpochSecond() / 60, 1440);
            return minuteOfDay >= riseMinute && minuteOfDay < 1080 ? 400 : 200;
        };
    }

    /** The load at every 30 s of the last ten minutes. */
    private static NavigableMap<Instant, Double> load(double rps) {
        NavigableMap<Instant, Double> out = new TreeMap<>();
        for (int s = 0; s <= 600; s += 30) {
            out.put(NOW.minusSeconds(s), rps);
        }
        return out;
    }

    private static WorkloadObservation obs(int replicas, Demand demand, Double budget, Map<String, String> failed) {
        return new WorkloadObservation(replicas, List.of(), Map.of(), failed, List.of(), AlertLevel.NONE, budget, null, demand);
    }

    private static ObjectiveScaler.Proposal propose(int replicas, Demand demand, Double budget) {
        return ObjectiveScaler.propose(policy(1, 20), obs(replicas, demand, budget, Map.of()), List.of(), NOW);
    }

    private static ObjectiveScaler.Proposal proposeAlerting(int replicas, Demand demand, Double budget) {
        return ObjectiveScaler.propose(policy(1, 20), new WorkloadObservation(replicas, List.of(), Map.of(), Map.of(), List.of(),
                AlertLevel.TICKET, budget, null, demand), List.of(), NOW);
    }

    private static Demand demand(NavigableMap<Instant, Double> load, int ready, ServiceHistory history, Double burn) {
        return new Demand(load, ready, history, 0.5, Duration.ofSeconds(60), burn);
    }

    @Test
    void capacityIsTheLoadAPodServedWithLatencyAndCpuInsideTheirMargins() {
        // 70 requests/s per pod, latency strain 0.4 and 70% CPU: proven, and far enough from the margins.
        Capacity c = CapacityModel.learn(steady(2), NOW, Double.NaN, Double.NaN);
        assertEquals(Capacity.Basis.Learned, c.basis());
        assertEquals(70, c.proven(), 1e-9);
        assertEquals(CapacityModel.PROBE, c.probe(), 1e-9, "latency far under its margin, CPU under its ceiling: the whole probe");
    }

    @Test
    void cpuAPodBurnsAtNoLoadIsNotChargedToItsRequests() {
        // Nights at 5 requests/s per pod use 10% CPU, days at 50 use 50%: about 6% idle plus 0.89% per request/s.
        ServiceHistory h = history(3, b -> b % 288 < 144 ? 20 : 200, b -> 4, b -> 0.3, b -> b % 288 < 144 ? 0.1 : 0.5);
        Capacity c = CapacityModel.learn(h, NOW, Double.NaN, Double.NaN);
        assertEquals(5 + (0.7 - 0.1) / (0.4 / 45), c.proven(), 1e-6, "where the fitted line crosses 70% (72.5), not CPU per request through the origin (64)");
    }

    @Test
    void cpuReachesAtMostTwiceTheLoadAPodServedWell() {
        // A latency-bound service: 50 requests/s per pod at 10% CPU. 70% CPU would mean 350; nothing says it serves that.
        ServiceHistory h = history(7, b -> 200, b -> 4, b -> 0.3, b -> 0.1);
        assertEquals(100, CapacityModel.learn(h, NOW, Double.NaN, Double.NaN).proven(), 1e-6);
    }

    @Test
    void strainNearTheProvenLoadLowersCapacityAtOnce() {
        // Last hour: at 60 requests/s per pod latency went over its threshold (a slower release), bucket after bucket.
        ServiceHistory h = history(2, b -> b <= 12 ? 240 : 280, b -> 4, b -> b <= 12 ? 1.2 : 0.3, b -> b <= 12 ? 0.6 : 0.7);
        Capacity c = CapacityModel.learn(h, NOW, Double.NaN, Double.NaN);
        assertEquals(70, c.proven(), 1e-9);
        assertEquals(57, c.limit(), 1e-9, "strained at 60: capacity 5% under it");
        assertEquals(57, c.operating(1, 1), 1e-9);
    }

    @Test
    void oneStrainedBucketOnARampIsNoSlowerRelease() {
        ServiceHistory h = history(2, b -> b == 5 ? 240 : 280, b -> 4, b -> b == 5 ? 1.2 : 0.3, b -> b == 5 ? 0.6 : 0.7);
        assertEquals(Double.POSITIVE_INFINITY, CapacityModel.learn(h, NOW, Double.NaN, Double.NaN).limit());
    }

    @Test
    void withoutHistoryCapacityStartsWhereAnHpaOnCpuWould() {
        Capacity c = CapacityModel.learn(ServiceHistory.empty(NOW), NOW, 40, 0.4);
        assertEquals(Capacity.Basis.Bootstrap, c.basis());
        assertEquals(70, c.proven(), 1e-9, "40 requests/s at 40% CPU: 70% CPU is 70 requests/s");
        assertNull(CapacityModel.learn(ServiceHistory.empty(NOW), NOW, Double.NaN, Double.NaN), "nothing to go by");
    }

    @Test
    void replicasFollowTheLoadOverTheCapacityWithTheProbeWhileTheBudgetIsHealthy() {
        ObjectiveScaler.Proposal p = propose(4, demand(load(400), 4, steady(2), 0.2), 0.9);
        // 400 / (70 x 1.1) = 5.2
        assertEquals(6, p.desired());
        assertEquals(6, p.replicas());
        assertEquals(77, p.operating(), 1e-9);
        assertNull(p.scaleInBlocker());
    }

    @Test
    void theBudgetInReserveIsNeverSpentOnSavingsButDoesNotFreezeCapacity() {
        ObjectiveScaler.Proposal atFloor = propose(8, demand(load(200), 8, steady(2), 0.2), 0.05);
        assertEquals(70, atFloor.operating(), 1e-9, "no probe with 5% left under a 10% floor");
        assertEquals(3, atFloor.desired());
        assertNull(atFloor.scaleInBlocker(), "the burn stopped: a spent budget holds no replicas");
        assertTrue(atFloor.replicas() < 8, "scales in, within the HPA's default rate");
    }

    @Test
    void aBudgetThatIsNotANumberIsUnknownAndBuysNoHotterRunning() {
        ObjectiveScaler.Proposal p = propose(4, demand(load(400), 4, steady(2), 0.2), Double.NaN);
        assertEquals(70, p.operating(), 1e-9);
        assertTrue(p.reasons().stream().anyMatch(r -> r.contains("remaining budget is unknown")), p.reasons().toString());
    }

    @Test
    void loadThatMakesTheBudgetBurnRunsCoolerAndNeverScalesIn() {
        // 4 pods at 80 requests/s each: more than the 70 proven.
        ObjectiveScaler.Proposal p = propose(4, demand(load(320), 4, steady(2), 3.0), 0.6);
        assertEquals(70 * ObjectiveScaler.COOLER, p.operating(), 1e-9);
        assertEquals(6, p.desired(), "320 / 59.5 = 5.4");
        assertNotNull(p.scaleInBlocker());
        assertNull(p.unexplainedBurn());
    }

    @Test
    void errorsLoadDoesNotCauseScaleNothingAndAskForInvestigation() {
        assertNull(propose(4, demand(load(200), 4, steady(2), 5.0), 0.6).unexplainedBurn(), "no alert yet: nothing to investigate");
        ObjectiveScaler.Proposal p = proposeAlerting(4, demand(load(200), 4, steady(2), 5.0), 0.6);
        assertEquals(3, p.desired(), "200 / 70: the load needs fewer, and no more than that for the burn");
        assertEquals(4, ScalingGuard.decide(p.replicas(), new ScalingGuard.Context(4, 1, 20, p.scaleInBlocker(), null, Duration.ofMinutes(5),
                false, NOW)).replicas(), "no scale-in while the budget burns now");
        assertTrue(p.unexplainedBurn().contains("more replicas would not help"), p.unexplainedBurn());
    }

    @Test
    void aSuddenCrowdPanicsTakesTheWholeStepAndBlocksScaleIn() {
        NavigableMap<Instant, Double> crowd = load(200);
        crowd.put(NOW, 1200.0);
        ObjectiveScaler.Proposal p = ObjectiveScaler.propose(policy(1, 40), obs(4, demand(crowd, 4, steady(2), 0.5), 0.9, Map.of()),
                List.of(new ScaleEvent(NOW.minusSeconds(10), 2)), NOW);
        assertTrue(p.panic());
        assertEquals(16, p.desired(), "1200 / 77");
        assertEquals(16, p.replicas(), "no rate limit: the HPA's would allow 2 x (4 - 2) = 4... or 4 more pods");
        assertNotNull(p.scaleInBlocker());
    }

    @Test
    void podsStillStartingAreCapacityAlreadyOrdered() {
        // 6 replicas ordered, 3 of them ready: the load needs 6, so nothing more is ordered though 3 pods cannot carry it.
        ObjectiveScaler.Proposal p = propose(6, demand(load(400), 3, steady(2), 0.2), 0.9);
        assertEquals(6, p.desired());
        assertEquals(6, p.replicas());
        assertFalse(p.panic(), "400 is less than twice what 3 ready pods serve (3 x 77)");
    }

    @Test
    void aRestartedOperatorScalesInAsALongRunningOneWould() {
        // Four pods at 10% CPU for days, a healthy budget, nothing in memory.
        ServiceHistory quiet = history(3, b -> 40, b -> 4, b -> 0.3, b -> 0.1);
        ObjectiveScaler.Proposal p = ObjectiveScaler.propose(policy(1, 10), obs(4, new Demand(load(40), 4, quiet, 0.1,
                Duration.ofSeconds(60), 0.0), 0.95, Map.of()), List.of(), NOW);
        assertEquals(2, p.desired(), "a pod served 10 requests/s well; CPU says 70, of which sqo believes twice the evidence: 40 / 22");
        assertEquals(2, p.replicas(), "the stabilization window is rebuilt from the load: scale in now, not 'no change yet'");
        assertNull(p.scaleInBlocker());
    }

    @Test
    void aWeekWithoutLoadProvesNoCapacityAndOrdersNothing() {
        ServiceHistory idle = history(7, b -> 0, b -> 3, b -> 0.0, b -> 0.01);
        ObjectiveScaler.Proposal p = propose(3, new Demand(load(5), 3, idle, 0.01, Duration.ofSeconds(60), 0.0), 0.9);
        assertNull(p.capacity());
        assertEquals(3, p.replicas());
    }

    @Test
    void missingLoadOrSignalsNeverScaleIn() {
        ObjectiveScaler.Proposal noLoad = propose(4, demand(new TreeMap<>(), 4, steady(2), 0.0), 0.9);
        assertEquals(4, noLoad.replicas());
        assertTrue(noLoad.scaleInBlocker().contains("no request rate"), noLoad.scaleInBlocker());
        ObjectiveScaler.Proposal failed = ObjectiveScaler.propose(policy(1, 20), obs(4, demand(load(40), 4, steady(2), 0.0), 0.9,
                Map.of("objective:latency", "no traffic")), List.of(), NOW);
        assertTrue(failed.scaleInBlocker().contains("missing data"), failed.scaleInBlocker());
        ObjectiveScaler.Proposal noBurn = propose(4, demand(load(40), 4, steady(2), null), 0.9);
        assertTrue(noBurn.scaleInBlocker().contains("unknown"), noBurn.scaleInBlocker());
    }

    @Test
    void aSampleMissingAtTheEndShiftsTheReadingsAndNeverReadsAsNoLoad() {
        NavigableMap<Instant, Double> gap = load(400);
        gap.remove(NOW);
        ObjectiveScaler.Proposal p = ObjectiveScaler.propose(policy(2, 20), obs(8, demand(gap, 8, steady(2), 0.2), 0.9, Map.of()),
                List.of(), NOW.plusSeconds(10));
        assertEquals(400, p.load(), 1e-9, "read from the sample 40 s old");
        assertEquals(6, p.desired());
    }

    @Test
    void theBurnNowIsTheFasterOfTheShortWindowsAndALongBurnHoldsNothing() {
        // Between two bursts of an incident the last five minutes look calm; the last thirty do not.
        assertEquals(3.0, BurnRateWindows.now(Map.of(BurnRateWindows.M5, 0.2, BurnRateWindows.M30, 3.0, BurnRateWindows.H6, 9.0)));
        assertNull(BurnRateWindows.now(Map.of(BurnRateWindows.M5, 0.2)), "half known is unknown");
        // An incident six hours ago still fires the slow-burn ticket; the burn has stopped, so scale-in may go ahead.
        ObjectiveScaler.Proposal p = proposeAlerting(8, demand(load(200), 8, steady(2), 0.5), 0.6);
        assertNull(p.scaleInBlocker());
        assertTrue(p.replicas() < 8);
    }

    @Test
    void withoutARequestRateCpuMayAddPodsAndNothingScalesIn() {
        Demand busy = new Demand(new TreeMap<>(), 4, steady(2), 0.95, Duration.ofSeconds(60), 0.2);
        ObjectiveScaler.Proposal out = propose(4, busy, 0.9);
        assertEquals(6, out.replicas(), "4 pods at 95% CPU: ceil(4 x 95 / 70)");
        assertNotNull(out.scaleInBlocker());
        Demand quiet = new Demand(new TreeMap<>(), 4, steady(2), 0.1, Duration.ofSeconds(60), 0.2);
        assertEquals(4, propose(4, quiet, 0.9).replicas());
    }

    @Test
    void theForecastReadsEveryBucketOfItsLeadWhateverTheSecond() {
        // Yesterday the load jumped at 12:05; now is 12:03 and the lead reaches 12:05:30.
        Instant now = NOW.plusSeconds(180);
        ServiceHistory h = history(3, daily(725), b -> 6, b -> 0.4, b -> 0.5);
        SeasonalForecast.Outcome f = SeasonalForecast.ahead(h, now, Duration.ofSeconds(150));
        assertNotNull(f.forecast(), f.reason());
        assertEquals(400, f.forecast().load(), 1e-9);
    }

    @Test
    void aDailyRiseIsForecastAndScaledOutAheadOfIt() {
        // Every day at noon the load doubles from 200 to 400 requests/s within 10 minutes; now is noon.
        ServiceHistory h = history(3, daily(720), b -> 6, b -> 0.4, b -> 0.5);
        SeasonalForecast.Outcome f = SeasonalForecast.ahead(h, NOW, Duration.ofSeconds(150));
        assertNotNull(f.forecast(), f.reason());
        assertEquals(Duration.ofDays(1), f.forecast().season());
        assertEquals(400, f.forecast().load(), 1e-9);
        assertEquals(0, f.forecast().recentError(), 1e-9);

        ObjectiveScaler.Proposal p = propose(4, demand(load(200), 4, h, 0.2), 0.9);
        assertEquals(400, p.load(), 1e-9, "the forecast, not the 200 of now");
        assertEquals(Math.ceil(400 / p.operating()), p.desired());
    }

    @Test
    void aForecastIsTrustedOnlyWithASeasonOfHistoryAndASmallRecentError() {
        assertNull(SeasonalForecast.ahead(steady(0.5), NOW, Duration.ofMinutes(2)).forecast());
        assertTrue(SeasonalForecast.ahead(steady(0.5), NOW, Duration.ofMinutes(2)).reason().contains("needs"));
        // Yesterday was twice today at the same hours: the last three hours' forecasts were far off.
        ServiceHistory changed = history(2, b -> b > 288 ? (b % 2 == 0 ? 400 : 100) : 200, b -> 4, b -> 0.4, b -> 0.5);
        SeasonalForecast.Outcome off = SeasonalForecast.ahead(changed, NOW, Duration.ofMinutes(2));
        assertNull(off.forecast());
        assertTrue(off.reason().contains("reacting only"), off.reason());
    }

    @Test
    void aHistoryWithGapsIsNoData() {
        ServiceHistory gaps = history(2, b -> b % 7 == 0 ? Double.NaN : 200, b -> 4, b -> 0.4, b -> 0.5);
        assertNull(SeasonalForecast.ahead(gaps, NOW, Duration.ofMinutes(2)).forecast());
        double[] none = new double[10];
        Arrays.fill(none, Double.NaN);
        ServiceHistory empty = new ServiceHistory(NOW.minus(BUCKET.multipliedBy(10)), BUCKET, none, none, none, none);
        assertNull(CapacityModel.learn(empty, NOW, Double.NaN, Double.NaN));
    }
}
