package dev.sqo.api;

import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What slips past admission (an old CRD, a cluster without CEL) is still refused, field by field. */
class SpecValidatorTest {

    private static ServiceQualitySpec spec() {
        return Fixtures.serviceQuality("scenario.yaml").getSpec();
    }

    @Test
    void fixtureIsValid() {
        assertEquals(List.of(), SpecValidator.problems(spec()));
    }

    @Test
    void eachProblemNamesItsField() {
        ServiceQualitySpec s = spec();
        s.window = "91d";
        s.targetRef.kind = "DaemonSet";
        s.prometheus = new PrometheusSource();
        s.prometheus.url = "https://p.example";
        s.prometheus.timeout = "30 seconds";
        s.objectives.get(1).latency.threshold = "fast";
        s.objectives.get(2).latencyPercentile.selector = "{job=\"x\"}";
        Exclusion e = new Exclusion();
        e.name = "nightly";
        e.schedule = "0 2 * * NOPE";
        e.duration = "1h";
        s.exclusions = List.of(e);
        assertEquals(List.of(
                "spec.targetRef.kind: must be Deployment or StatefulSet, got DaemonSet",
                "spec.window: must be between 1h and 90d, got 91d",
                "spec.prometheus.timeout: must be a positive duration like 10s or 500ms, got 30 seconds",
                "spec.objectives[1].latency.threshold: must be a positive duration like 300ms, 1s or 2m; got fast",
                "spec.objectives[2].latencyPercentile.selector: write the label matchers without braces, e.g. job=\"checkout\""),
                SpecValidator.problems(s).subList(0, 5));
        String cron = SpecValidator.problems(s).get(5);
        assertEquals(true, cron.startsWith("spec.exclusions[0]: exclusion nightly:"), cron);
    }

    @Test
    void missingPiecesAreNamed() {
        ServiceQualitySpec s = new ServiceQualitySpec();
        assertEquals(List.of("spec.targetRef: is required", "spec.objectives: at least one objective is required"),
                SpecValidator.problems(s));
    }

    @Test
    void windowMustBeWholeSlicesAndTimeoutPositive() {
        ServiceQualitySpec s = spec();
        s.window = "62m";
        s.prometheus = new PrometheusSource();
        s.prometheus.url = "https://p.example";
        s.prometheus.timeout = "0s";
        assertEquals(List.of("spec.window: must be a whole number of 5-minute slices, got 62m",
                        "spec.prometheus.timeout: must be a positive duration like 10s or 500ms, got 0s"),
                SpecValidator.problems(s));
    }
}
