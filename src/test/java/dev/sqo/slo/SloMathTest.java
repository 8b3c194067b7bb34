package dev.sqo.slo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The facts of shared/conformance/slo-math.md. */
class SloMathTest {

    private static final Duration D30 = Duration.ofDays(30);
    private static final Duration D28 = Duration.ofDays(28);

    @Test
    void budgetIsOneMinusObjective() {
        assertEquals(0.001, ErrorBudget.budgetRatio(99.9), 1e-12);
        assertEquals(0.05, ErrorBudget.budgetRatio(95), 1e-12);
    }

    @Test
    void burnRateOneSpendsTheBudgetInOnePeriod() {
        assertEquals(1.0, ErrorBudget.burnRate(0.001, 99.9), 1e-9);
        assertEquals(14.4, ErrorBudget.burnRate(0.0144, 99.9), 1e-9);
    }

    @Test
    void overspentBudgetGoesNegative() {
        double consumed = ErrorBudget.consumed(0.002, 99.9);
        assertEquals(2.0, consumed, 1e-9);
        assertEquals(-1.0, 1 - consumed, 1e-9);
    }

    @Test
    void factorsFor30Days() {
        assertEquals(List.of(14.4, 6.0, 3.0, 1.0), factors(D30));
    }

    @Test
    void factorsFor28Days() {
        List<Double> f = factors(D28);
        assertEquals(13.44, f.get(0), 1e-9);
        assertEquals(5.6, f.get(1), 1e-9);
        assertEquals(2.8, f.get(2), 1e-9);
        assertEquals(0.93333333, f.get(3), 1e-8);
    }

    @Test
    void tableWindowsAndSeverities() {
        List<BurnRateAlertRule> r = MultiWindowAlertPolicy.RULES;
        assertEquals(List.of(AlertLevel.PAGE, AlertLevel.PAGE, AlertLevel.TICKET, AlertLevel.TICKET),
                r.stream().map(BurnRateAlertRule::level).toList());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)),
                r.stream().map(BurnRateAlertRule::longWindow).toList());
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6)),
                r.stream().map(BurnRateAlertRule::shortWindow).toList());
    }

    @Test
    void fullOutageOfA999SloPagesIn52Seconds() {
        Duration t = MultiWindowAlertPolicy.RULES.get(0).detectionTime(1.0, 99.9, D30);
        assertEquals(51.84, t.toMillis() / 1000.0, 0.001);
    }

    @Test
    void bothWindowsMustBurn() {
        Map<Duration, Double> burn = new HashMap<>();
        burn.put(BurnRateWindows.H1, 20.0);
        burn.put(BurnRateWindows.M5, 10.0);
        assertEquals(AlertLevel.NONE, MultiWindowAlertPolicy.evaluate(burn, D30));
        burn.put(BurnRateWindows.M5, 14.5);
        assertEquals(AlertLevel.PAGE, MultiWindowAlertPolicy.evaluate(burn, D30));
    }

    @Test
    void burnExactlyAtTheFactorDoesNotFire() {
        Map<Duration, Double> burn = new HashMap<>();
        burn.put(BurnRateWindows.D3, 1.0);
        burn.put(BurnRateWindows.H6, 1.0);
        assertEquals(AlertLevel.NONE, MultiWindowAlertPolicy.evaluate(burn, D30));
    }

    @Test
    void noDataNeverFires() {
        Map<Duration, Double> burn = new HashMap<>();
        burn.put(BurnRateWindows.H1, null);
        burn.put(BurnRateWindows.M5, 100.0);
        assertEquals(AlertLevel.NONE, MultiWindowAlertPolicy.evaluate(burn, D30));
    }

    @Test
    void exhaustionAtTheCurrentBurn() {
        Instant at = Instant.parse("2026-11-22T00:00:00Z");
        assertEquals(at.plus(Duration.ofDays(15)), ErrorBudget.exhaustionTime(0.5, 1.0, D30, at));
        assertEquals(at.plus(Duration.ofDays(1)), ErrorBudget.exhaustionTime(0.5, 15.0, D30, at));
        assertNull(ErrorBudget.exhaustionTime(0.5, 0.0, D30, at), "not burning");
        assertNull(ErrorBudget.exhaustionTime(-0.2, 3.0, D30, at), "already spent");
    }

    private static List<Double> factors(Duration period) {
        return MultiWindowAlertPolicy.RULES.stream().map(r -> r.factor(period)).toList();
    }

    @Test
    void rowsWhoseLongWindowExceedsThePeriodDoNotApply() {
        assertEquals(4, MultiWindowAlertPolicy.applicable(D30).size());
        assertEquals(List.of(BurnRateWindows.H1), MultiWindowAlertPolicy.applicable(Duration.ofHours(1)).stream()
                .map(BurnRateAlertRule::longWindow).toList());
        Map<Duration, Double> burn = new HashMap<>();
        burn.put(BurnRateWindows.D3, 50.0);
        burn.put(BurnRateWindows.H6, 50.0);
        assertEquals(AlertLevel.NONE, MultiWindowAlertPolicy.evaluate(burn, Duration.ofHours(1)));
    }
}
