package dev.sqo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Judges files exactly as the cluster would (sqo's CRDs: schema, defaults, CEL rules) and then as only sqo can
 * (PromQL, schedules, time zones), without a cluster or Prometheus: for CI, before a GitOps tool applies them.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check ServiceQualities and NodeTuningProfiles as the cluster's admission would, and as sqo would.",
        footer = {"", "Exit codes: 0 all valid, 1 something invalid or unreadable, 2 bad options.",
                "Documentation: docs/cli.md#sqo-validate"})
public class ValidateCommand implements Callable<Integer> {

    @Mixin
    ResourceFiles input;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        CheckedInputs checked = CheckedInputs.of(input.read());
        checked.problems.forEach(p -> err.println("sqo validate: " + p));
        if (!checked.problems.isEmpty()) {
            return ExitCodes.CHECK_FAILED;
        }
        if (checked.resources() == 0) {
            err.println("sqo validate: no ServiceQuality or NodeTuningProfile in " + String.join(", ", input.files));
            return ExitCodes.CHECK_FAILED;
        }
        System.out.println(summary(checked));
        return ExitCodes.OK;
    }

    private static String summary(CheckedInputs checked) {
        int sq = checked.serviceQualities.size();
        int ntp = checked.profiles.size();
        String what = (sq > 0 ? sq + " ServiceQualit" + (sq == 1 ? "y" : "ies") : "")
                + (sq > 0 && ntp > 0 ? " and " : "") + (ntp > 0 ? ntp + " NodeTuningProfile" + (ntp == 1 ? "" : "s") : "");
        return what + (sq + ntp == 1 ? " is" : " are") + " valid";
    }
}
