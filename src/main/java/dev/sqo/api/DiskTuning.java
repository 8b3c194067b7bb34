package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The IO scheduler of the node's block devices. */
public class DiskTuning {

    @Required
    @Pattern("^(mq-deadline|bfq|kyber|none|deadline|cfq|noop)$")
    @JsonPropertyDescription("IO scheduler of every block device that offers it: mq-deadline, bfq, kyber or none. The legacy "
            + "names deadline, cfq and noop are accepted and mean mq-deadline, bfq and none; the Warning condition says so.")
    public String scheduler;

    /** The multi-queue scheduler a legacy single-queue name maps to, or the name itself. */
    public static String multiQueue(String scheduler) {
        return switch (scheduler) {
            case "deadline" -> "mq-deadline";
            case "cfq" -> "bfq";
            case "noop" -> "none";
            default -> scheduler;
        };
    }
}
