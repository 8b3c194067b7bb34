package dev.sqo.simulate;

import dev.sqo.playground.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    @Test
    void theReportHasEveryChartNeedsNoNetworkAndRendersInChromium(@TempDir Path dir) throws Exception {
        Path file = Path.of("examples/scenarios/flash-crowd.yaml");
        Scenario scenario = ScenarioFile.read(file);
        List<PolicyResult> results = scenario.policies().stream().map(p -> Simulation.run(scenario, p)).toList();
        Path html = HtmlReport.write(dir, file, scenario, results);

        String page = Files.readString(html);
        for (String chart : List.of("Traffic", "Replicas", "p99 latency", "SLI of availability", "Remaining error budget of availability",
                "SLI of latency", "Remaining error budget of latency")) {
            assertTrue(page.contains("<h3>" + chart), chart);
        }
        assertEquals(7, page.split("<svg ", -1).length - 1);
        for (String policy : scenario.policies()) {
            assertTrue(page.contains("<title>" + policy + "</title>"), policy + " has its lines");
        }
        assertFalse(page.contains("src=\"http") || page.contains("href=\"http") || page.contains("<script"), "offline, no scripts");
        assertFalse(page.contains("class=\"history\""), "scored from the start: no history to shade");

        Path chromium = DebianPackages.findOrInstall("chromium", "chromium");
        Path shot = dir.resolve("shot.png");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=1000,2400", "--screenshot=" + shot, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        byte[] png = Files.readAllBytes(shot);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        // A blank page of that size compresses to a few kilobytes; charts and tables do not.
        assertTrue(png.length > 50_000, "rendered " + png.length + " bytes");
    }

    @Test
    void theHistoryBeforeScoreFromIsShadedInEveryChart(@TempDir Path dir) throws IOException {
        Path file = Path.of("src/test/resources/simulate/history.yaml");
        Scenario scenario = ScenarioFile.read(file);
        String page = Files.readString(HtmlReport.write(dir, file, scenario, List.of(Simulation.run(scenario, "static"))));

        assertTrue(page.contains("Scored from 1h"), "the page says where scoring starts");
        int charts = page.split("<svg ", -1).length - 1;
        assertTrue(charts >= 7, "charts: " + charts);
        assertEquals(charts, page.split("class=\"history\"", -1).length - 1);
    }

    @Test
    void textIsEscaped() throws IOException {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", HtmlReport.escape("a <b> & \"c\""));
    }
}
