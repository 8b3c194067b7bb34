package dev.sqo.cli;

/** What a sqo command's exit code says, for scripts and CI jobs (docs/cli.md#exit-codes). */
final class ExitCodes {

    /** Done; for evaluate, no condition of --fail-on held. */
    static final int OK = 0;
    /** The check failed: validate found a resource admission would refuse, or a condition of evaluate's --fail-on held. */
    static final int CHECK_FAILED = 1;
    /**
     * The command could not do its job with what it was given: unknown options or values; for evaluate, rules,
     * simulate and agent --once, a file that does not parse or a resource that is invalid (validate says 1).
     */
    static final int BAD_INPUT = 2;
    /** The command failed of itself: a bug, or the machine (a --demo Prometheus that would not start). */
    static final int FAILED = 3;

    private ExitCodes() {
    }
}
