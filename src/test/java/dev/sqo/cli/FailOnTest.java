package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.testing.TestPrometheus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sqo evaluate --fail-on`: a CI job fails when the verdicts it names hold, and only then. */
class FailOnTest {

    @Test
    void anUnreachablePrometheusIsNotHealthy() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String[] args = {"-f", "examples/checkout.yaml", "--prometheus", "http://127.0.0.1:" + closedPort, "--timeout", "2s"};
        CliRun plain = CliRun.of(new EvaluateCommand(), args);
        assertEquals(0, plain.code(), "without --fail-on, evaluating is the job: " + plain.err());
        JsonNode status = new ObjectMapper().readTree(plain.out());
        assertEquals("False", EvaluateCommandTest.condition(status, "Ready").path("status").asText());
        JsonNode investigate = EvaluateCommandTest.condition(status, "Investigate");
        assertEquals("Unknown", investigate.path("status").asText(), "no data is not health: " + investigate);
        assertEquals("NoData", investigate.path("reason").asText());

        CliRun failing = CliRun.of(new EvaluateCommand(), concat(args, "--fail-on", "NotReady,Burning"));
        assertEquals(1, failing.code());
        assertTrue(failing.err().contains("sqo evaluate: shop/checkout: NotReady (Ready is not True): Ready=False MetricsUnavailable"),
                failing.err());
    }

    @Test
    void aBurningBudgetFailsOnlyWhenAskedTo() {
        String[] args = {"-f", "examples/checkout.yaml", "--prometheus", TestPrometheus.url().toString(), "--time",
                TestPrometheus.END.toString()};
        assertEquals(0, CliRun.of(new EvaluateCommand(), concat(args, "--fail-on", "NotReady,NoData")).code());
        CliRun burning = CliRun.of(new EvaluateCommand(), concat(args, "--fail-on", "Burning,Page"));
        assertEquals(1, burning.code());
        assertTrue(burning.err().contains("shop/checkout: Burning (BudgetBurning is True): BudgetBurning=True FastBurn"), burning.err());
        assertTrue(burning.err().contains("shop/checkout: Page (the alert is Page): alert Page"), burning.err());
    }

    @Test
    void anUnknownVerdictIsAUsageError() {
        CliRun run = CliRun.of(new EvaluateCommand(), "-f", "examples/checkout.yaml", "--demo", "--fail-on", "Sad");
        assertEquals(ExitCodes.BAD_INPUT, run.code());
        assertTrue(run.err().contains("NotReady, NoData, NotMet, Burning, Ticket, Page, Investigate"), run.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
