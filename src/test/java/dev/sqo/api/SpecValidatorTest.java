package dev.sqo.api;

import dev.sqo.api.admission.FieldError;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What slips past admission (an old CRD, a cluster without CEL) is judged by the CRD all the same, field by field;
 * what admission cannot tell, sqo tells after it.
 */
class SpecValidatorTest {

    private static ServiceQuality resource() {
        return Fixtures.serviceQuality("scenario.yaml");
    }

    private static List<String> problems(ServiceQuality sq) {
        return SpecValidator.problems(sq).stream().map(FieldError::toString).toList();
    }

    @Test
    void fixtureIsValid() {
        assertEquals(List.of(), problems(resource()));
    }

    @Test
    void whatSlippedPastAdmissionIsJudgedByTheCrd() {
        ServiceQuality sq = resource();
        sq.getSpec().window = "62m";
        sq.getSpec().targetRef.kind = "DaemonSet";
        sq.getSpec().objectives.get(1).latency.threshold = "fast";
        List<String> problems = problems(sq);
        assertTrue(problems.contains("spec.targetRef.kind: Invalid value: \"DaemonSet\": should match '^(Deployment|StatefulSet)$'"), problems.toString());
        assertTrue(problems.contains("spec.objectives[1].latency.threshold: Invalid value: \"fast\": should match '^[1-9][0-9]{0,5}(ms|s|m)$'"),
                problems.toString());
        assertTrue(problems.contains("spec.window: Invalid value: \"string\": window must be between 1h and 90d in whole 5-minute steps, "
                + "for example 30d or 28d"), problems.toString());
    }

    @Test
    void aTimeZoneTheJvmDoesNotKnowIsNamed() {
        ServiceQuality sq = resource();
        Exclusion e = new Exclusion();
        e.name = "nightly";
        e.schedule = "0 2 * * *";
        e.duration = "1h";
        e.timeZone = "Mars/Olympus_Mons";
        sq.getSpec().exclusions = List.of(e);
        List<String> problems = problems(sq);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("spec.exclusions[0]: exclusion nightly: "), problems.get(0));
        assertTrue(problems.get(0).contains("Mars/Olympus_Mons"), problems.get(0));
    }

    /** What the operator's Ready condition says, instead of a bad_data about the query sqo built around it. */
    @Test
    void promqlThatPrometheusRefusesIsNamedBeforeAnyQuery() {
        ServiceQuality sq = resource();
        sq.getSpec().objectives.get(0).ratio.total = "sum(rate(http_requests_total{job=\"scenario\"}[{{window}}])";
        assertEquals(List.of("spec.objectives[0].ratio.total: Invalid value: \"sum(rate(http_requests_total{job=\\\"scenario\\\"}"
                + "[{{window}}])\": 1:58: parse error: unclosed left parenthesis"), problems(sq));
    }

    private static Exclusion recurring(String name, String schedule, String duration) {
        Exclusion e = new Exclusion();
        e.name = name;
        e.schedule = schedule;
        e.duration = duration;
        return e;
    }

    /** The costliest windows admission accepts: open every minute for a month, twenty of them. */
    @Test
    void theLongestWindowsOnTheDensestScheduleAreAcceptedAndJudgedQuickly() {
        ServiceQuality sq = resource();
        sq.getSpec().exclusions = java.util.stream.IntStream.range(0, 20).mapToObj(i -> recurring("w" + i, "* * * * *", "31d")).toList();
        assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(sq)));
    }

    /**
     * Windows that open every few minutes would cost every evaluation tens of thousands of steps: refused once, by
     * name, after at most 10,000 steps of judging (a count, not a clock, bounds it).
     */
    @Test
    void windowsThatOpenEveryFewMinutesAreRefused() {
        ServiceQuality sq = resource();
        sq.getSpec().exclusions = List.of(recurring("flicker", "*/2 * * * *", "1m"));
        List<String> problems = problems(sq);
        assertEquals(List.of("spec.exclusions: the maintenance windows open or extend more than 10000 times"
                + " a year (a window opened every few minutes, or one that occurrences closer than 5 minutes keep extending):"
                + " use fewer, longer windows"), problems);
    }

    @Test
    void anHourlyWindowIsAccepted() {
        ServiceQuality sq = resource();
        sq.getSpec().exclusions = List.of(recurring("batch", "0 * * * *", "5m"));
        assertEquals(List.of(), problems(sq));
    }
}
