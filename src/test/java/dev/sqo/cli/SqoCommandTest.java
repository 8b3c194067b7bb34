package dev.sqo.cli;

import dev.sqo.SqoVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as kubectl users expect it: help and version everywhere, and no operator unless asked for. */
class SqoCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "evaluate", "rules", "simulate", "playground", "agent"})
    void everyCommandAnswersHelpWithItsUsageAndDoc(String command) {
        for (String flag : new String[]{"--help", "-h"}) {
            CliRun run = CliRun.of(new SqoCommand(), command, flag);
            assertEquals(0, run.code(), command + " " + flag + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: sqo " + command), run.out());
            assertTrue(run.out().contains("Documentation: docs/cli.md#sqo-" + command), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void versionIsPrintedByTheCommandAndEverySubcommand() {
        assertEquals("sqo " + SqoVersion.get(), CliRun.of(new SqoCommand(), "--version").out().strip());
        assertEquals("sqo " + SqoVersion.get(), CliRun.of(new SqoCommand(), "rules", "-V").out().strip());
        assertFalse(SqoVersion.get().contains("$"), "filled in by the build: " + SqoVersion.get());
    }

    @Test
    void aBareSqoOutsideAClusterShowsHelpInsteadOfStartingAnOperator() {
        CliRun run = CliRun.of(new SqoCommand());
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage: sqo"), run.out());
        assertTrue(run.out().contains("validate"), run.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of(new SqoCommand(), "rules", "-f", "examples", "--nope");
        assertEquals(ExitCodes.BAD_INPUT, run.code());
        assertTrue(run.err().contains("Unknown option: '--nope'"), run.err());
    }

    @Command(name = "broken")
    static class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void aFailureOfItsOwnIsExitCode3NotAVerdict() {
        CliRun run = CliRun.of(new Broken());
        assertEquals(3, run.code());
        assertEquals("sqo broken: failed: IllegalStateException: a bug", run.err().strip());
    }
}
