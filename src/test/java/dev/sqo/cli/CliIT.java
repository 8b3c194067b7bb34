package dev.sqo.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command as users run it (`java -jar`, which `./sqo` execs): one-shot commands say only what they
 * were asked, without the framework's start and stop lines, and a bare `sqo` outside a pod shows the help.
 */
class CliIT {

    private record Run(int code, String out, String err) {
    }

    private static Run sqo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("sqo.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Outside a pod, whatever the machine running the tests is.
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        Process p = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sqo " + String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aOneShotCommandPrintsItsDocumentAndNothingElse() throws Exception {
        Run rules = sqo("rules", "-f", "examples/checkout.yaml");
        assertEquals(0, rules.code(), rules.err());
        assertEquals("", rules.err(), "no banner, no start or stop lines");
        assertTrue(rules.out().startsWith("apiVersion: monitoring.coreos.com/v1"), rules.out());

        Run validate = sqo("validate", "-f", "examples");
        assertEquals(0, validate.code(), validate.err());
        assertEquals("", validate.err());
    }

    @Test
    void aBareSqoShowsTheHelpAndTheVersionIsThere() throws Exception {
        Run bare = sqo();
        assertEquals(0, bare.code(), bare.err());
        assertTrue(bare.out().startsWith("Usage: sqo"), bare.out());
        assertEquals("", bare.err(), "no operator started against the current kube-context");

        Run version = sqo("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("sqo [0-9][^\\s]*\\s*"), version.out());
    }
}
