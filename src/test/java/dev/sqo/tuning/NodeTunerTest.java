package dev.sqo.tuning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node agent's file work against a temporary /proc/sys and /sys tree. */
class NodeTunerTest {

    @TempDir
    Path root;

    private static final List<TuningSetting> LATENCY = List.of(
            new TuningSetting(TuningSetting.GOVERNOR, "performance"),
            new TuningSetting(TuningSetting.SWAPPINESS, "10"),
            new TuningSetting(TuningSetting.SCHEDULER, "mq-deadline"),
            new TuningSetting(TuningSetting.RMEM_MAX, "16777216"),
            new TuningSetting(TuningSetting.CPU_MANAGER_POLICY, "static"));

    private void file(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content + "\n");
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path)).trim();
    }

    @BeforeEach
    void node() throws IOException {
        file("proc/sys/vm/swappiness", "60");
        file("proc/sys/net/core/rmem_max", "212992");
        file("proc/sys/net/core/wmem_max", "212992");
        for (int cpu = 0; cpu < 2; cpu++) {
            file("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor", "powersave");
            file("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_available_governors", "performance powersave");
        }
        file("sys/devices/system/cpu/cpufreq/ondemand/up_threshold", "95"); // not a core: never touched
        file("sys/block/sda/queue/scheduler", "[bfq] mq-deadline none");
        Files.createDirectories(root.resolve("sys/block/sda/device"));
        file("sys/block/nvme0n1/queue/scheduler", "[none] mq-deadline kyber");
        Files.createDirectories(root.resolve("sys/block/nvme0n1/device"));
        file("sys/block/loop0/queue/scheduler", "[none] mq-deadline"); // no device link: stacked, left alone
        file("sys/block/dm-0/queue/scheduler", "[none]");
        file("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"static\",\"defaultCpuSet\":\"0-1\"}");
    }

    @Test
    void appliesEverySettingAndRemembersTheOriginals() throws IOException {
        List<SettingResult> results = new NodeTuner(root).apply("latency", LATENCY);

        assertEquals("10", read("proc/sys/vm/swappiness"));
        assertEquals("16777216", read("proc/sys/net/core/rmem_max"));
        assertEquals("212992", read("proc/sys/net/core/wmem_max"), "not in the profile");
        assertEquals("performance", read("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
        assertEquals("performance", read("sys/devices/system/cpu/cpu1/cpufreq/scaling_governor"));
        assertEquals("mq-deadline", read("sys/block/sda/queue/scheduler"));
        assertEquals("mq-deadline", read("sys/block/nvme0n1/queue/scheduler"));
        assertEquals("[none] mq-deadline", read("sys/block/loop0/queue/scheduler"), "loop devices are left alone");
        assertEquals("[none]", read("sys/block/dm-0/queue/scheduler"), "stacked devices are left alone");
        assertTrue(results.stream().noneMatch(r -> r.outcome().failed()), results.toString());
        assertTrue(results.stream().anyMatch(r -> r.line().equals("vm.swappiness (proc/sys/vm/swappiness): 60 -> 10")));
        assertTrue(results.stream().anyMatch(r -> r.line().equals("kubelet.cpuManagerPolicy (var/lib/kubelet/cpu_manager_state): static (verified)")));
        assertTrue(read(NodeTuner.STATE_FILE).contains("\"proc/sys/vm/swappiness\" : {\n      \"original\" : \"60\""),
                read(NodeTuner.STATE_FILE));
        assertTrue(read(NodeTuner.STATE_FILE).contains("\"profile\" : \"latency\""));
    }

    @Test
    void reapplyingChangesNothing() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        String state = read(NodeTuner.STATE_FILE);
        List<SettingResult> again = new NodeTuner(root).apply("latency", LATENCY);
        assertTrue(again.stream().allMatch(r -> r.outcome() == SettingResult.Outcome.UNCHANGED
                || r.outcome() == SettingResult.Outcome.VERIFIED), again.toString());
        assertEquals(state, read(NodeTuner.STATE_FILE), "the originals stay those of before the first change");
    }

    @Test
    void aProfileChangeRestoresWhatTheNewProfileNoLongerSets() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        List<SettingResult> results = new NodeTuner(root).apply("lighter", List.of(new TuningSetting(TuningSetting.SWAPPINESS, "30")));

        assertEquals("30", read("proc/sys/vm/swappiness"));
        assertEquals("212992", read("proc/sys/net/core/rmem_max"), "restored");
        assertEquals("powersave", read("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"), "restored");
        assertEquals("bfq", read("sys/block/sda/queue/scheduler"), "restored");
        assertEquals("none", read("sys/block/nvme0n1/queue/scheduler"), "restored");
        assertTrue(results.stream().anyMatch(r -> r.line().equals("net.core.rmem_max (proc/sys/net/core/rmem_max): 16777216 -> 212992 (restored)")),
                results.toString());
        assertTrue(read(NodeTuner.STATE_FILE).contains("\"proc/sys/vm/swappiness\" : {\n      \"original\" : \"60\",\n      \"written\" : \"30\""),
                "still the very first original: " + read(NodeTuner.STATE_FILE));
    }

    @Test
    void removalRestoresEveryOriginalAndForgetsThem() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        List<SettingResult> results = new NodeTuner(root).restore();

        assertEquals("60", read("proc/sys/vm/swappiness"));
        assertEquals("212992", read("proc/sys/net/core/rmem_max"));
        assertEquals("powersave", read("sys/devices/system/cpu/cpu1/cpufreq/scaling_governor"));
        assertEquals("bfq", read("sys/block/sda/queue/scheduler"));
        assertTrue(results.stream().allMatch(r -> r.outcome() == SettingResult.Outcome.RESTORED), results.toString());
        assertFalse(Files.exists(root.resolve(NodeTuner.STATE_FILE)));
    }

    @Test
    void aReadOnlyFileIsReportedAndTheRestIsApplied() throws IOException {
        Files.setPosixFilePermissions(root.resolve("proc/sys/vm/swappiness"), PosixFilePermissions.fromString("r--r--r--"));
        List<SettingResult> results = new NodeTuner(root).apply("latency", LATENCY);

        SettingResult swappiness = results.stream().filter(r -> r.key().equals(TuningSetting.SWAPPINESS)).findFirst().orElseThrow();
        assertEquals(SettingResult.Outcome.FAILED, swappiness.outcome());
        assertEquals("vm.swappiness (proc/sys/vm/swappiness): FAILED: read-only", swappiness.line());
        assertEquals("60", read("proc/sys/vm/swappiness"));
        assertEquals("16777216", read("proc/sys/net/core/rmem_max"), "the other settings still apply");
        assertEquals("performance", read("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
        assertFalse(read(NodeTuner.STATE_FILE).contains("swappiness"), "nothing to restore for a file never changed");
    }

    @Test
    void whatTheKernelDoesNotOfferAndAWrongKubeletPolicyFail() throws IOException {
        file("sys/block/sda/queue/scheduler", "[none] mq-deadline");
        file("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"none\"}");
        List<SettingResult> results = new NodeTuner(root).apply("x", List.of(
                new TuningSetting(TuningSetting.SCHEDULER, "kyber"), new TuningSetting(TuningSetting.CPU_MANAGER_POLICY, "static")));
        assertTrue(results.stream().anyMatch(r -> r.line().equals(
                "disk.scheduler (sys/block/sda/queue/scheduler): FAILED: kyber is not offered here (offered: none, mq-deadline)")),
                results.toString());
        assertTrue(results.stream().anyMatch(r -> r.key().equals(TuningSetting.CPU_MANAGER_POLICY) && r.outcome().failed()
                && r.message().contains("runs the none CPU manager policy")));
        assertEquals("kyber", read("sys/block/nvme0n1/queue/scheduler"), "offered on the other device");
    }

    @Test
    void nothingIsWrittenWhenTheOriginalsCannotBeJournaled() throws IOException {
        Files.createDirectories(root.resolve("var/lib"));
        Files.writeString(root.resolve("var/lib/sqo"), "a file where the journal's directory should be");
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> new NodeTuner(root).apply("latency", LATENCY));
        assertEquals("60", read("proc/sys/vm/swappiness"));
        assertEquals("powersave", read("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
    }

    @Test
    void aSymlinkOutOfTheTreeIsNotFollowed(@TempDir Path outside) throws IOException {
        Path target = outside.resolve("scheduler");
        Files.writeString(target, "[bfq] mq-deadline\n");
        Files.createDirectories(root.resolve("sys/block/sdb/queue"));
        Files.createDirectories(root.resolve("sys/block/sdb/device"));
        Files.createSymbolicLink(root.resolve("sys/block/sdb/queue/scheduler"), target);

        List<SettingResult> results = new NodeTuner(root).apply("latency", LATENCY);
        assertTrue(results.stream().anyMatch(r -> r.target().equals("sys/block/sdb/queue/scheduler") && r.outcome().failed()
                && r.message().contains("leads outside")), results.toString());
        assertEquals("[bfq] mq-deadline", Files.readString(target).trim());
    }

    @Test
    void aValueSomeoneElseChangedIsNotRestoredOverTheirs() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        file("proc/sys/vm/swappiness", "30"); // an admin's change after sqo's
        List<SettingResult> results = new NodeTuner(root).restore();
        assertEquals("30", read("proc/sys/vm/swappiness"));
        assertTrue(results.stream().anyMatch(r -> r.line().equals(
                "vm.swappiness (proc/sys/vm/swappiness): changed by someone else since sqo wrote 10: left as is")), results.toString());
        assertEquals("212992", read("proc/sys/net/core/rmem_max"), "the rest is restored");
    }

    @Test
    void aJournalEntryForAnyOtherFileIsIgnored() throws IOException {
        file("etc/passwd", "root:x:0:0");
        file(NodeTuner.STATE_FILE, "{\"profile\":\"x\",\"files\":{\"etc/passwd\":{\"original\":\"pwned\",\"written\":\"root:x:0:0\"},"
                + "\"proc/sys/vm/../../../etc/passwd\":{\"original\":\"pwned\",\"written\":\"root:x:0:0\"}}}");
        List<SettingResult> results = new NodeTuner(root).restore();
        assertEquals("root:x:0:0", read("etc/passwd"));
        assertTrue(results.stream().allMatch(r -> r.outcome() == SettingResult.Outcome.SKIPPED), results.toString());
    }

    /** The set-aside journals next to the journal. */
    private List<Path> setAside() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(root.resolve(NodeTuner.STATE_FILE).getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("node-tuning.json.corrupt-")).toList();
        }
    }

    private static List<SettingResult> failed(List<SettingResult> results) {
        return results.stream().filter(r -> r.outcome().failed()).toList();
    }

    /**
     * A crash that cut the journal short must not stop the agent for good: the journal is set aside, the profile
     * still applies, and the node says what was lost on every pass until an admin deletes the set-aside file.
     */
    @Test
    void aTruncatedJournalIsSetAsideAndTheNodeReportsWhatIsLost() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        String journal = read(NodeTuner.STATE_FILE);
        Files.writeString(root.resolve(NodeTuner.STATE_FILE), journal.substring(0, journal.length() / 2));

        List<SettingResult> results = new NodeTuner(root).apply("latency", LATENCY);

        assertEquals(1, setAside().size());
        assertEquals(journal.substring(0, journal.length() / 2), Files.readString(setAside().get(0)), "kept as it was found");
        SettingResult lost = failed(results).get(0);
        assertEquals(1, failed(results).size(), results.toString());
        assertEquals("journal (" + root.relativize(setAside().get(0)) + "): FAILED: unreadable (truncated or corrupt), set aside here:"
                + " the originals of the settings sqo changed before are lost and will not be restored; sqo goes on applying"
                + " and journals anew. Check this node's settings against the file, then delete it", lost.line());
        assertEquals("10", read("proc/sys/vm/swappiness"), "the profile still holds");
        assertTrue(read(NodeTuner.STATE_FILE).contains("\"profile\" : \"latency\""), "a new journal begins");

        assertEquals(List.of(lost), failed(new NodeTuner(root).apply("latency", LATENCY)), "reported again on the next pass");
        Files.delete(setAside().get(0));
        assertEquals(List.of(), failed(new NodeTuner(root).apply("latency", LATENCY)), "until an admin has looked");
    }

    /**
     * An empty journal is what a crash leaves when the data never reached the disk: it is no journal of nothing.
     * Without the originals the agent restores nothing it cannot know, and leaves sqo's values in place.
     */
    @Test
    void anEmptyJournalIsSetAsideAndNothingIsRestoredFromAGuess() throws IOException {
        new NodeTuner(root).apply("latency", LATENCY);
        Files.writeString(root.resolve(NodeTuner.STATE_FILE), "");

        List<SettingResult> results = new NodeTuner(root).restore();

        assertEquals(1, setAside().size());
        assertEquals(1, failed(results).size(), results.toString());
        assertTrue(failed(results).get(0).line().startsWith("journal (var/lib/sqo/node-tuning.json.corrupt-"), results.toString());
        assertEquals("10", read("proc/sys/vm/swappiness"), "the original is unknown: nothing is written");
        assertFalse(Files.exists(root.resolve(NodeTuner.STATE_FILE)));
    }

    @Test
    void aJournalThatIsNoObjectIsSetAside() throws IOException {
        file(NodeTuner.STATE_FILE, "[\"proc/sys/vm/swappiness\"]");
        List<SettingResult> results = new NodeTuner(root).apply("latency", LATENCY);
        assertEquals(1, setAside().size());
        assertEquals("journal", failed(results).get(0).key(), results.toString());
        assertEquals("60", new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve(NodeTuner.STATE_FILE).toFile())
                .path("files").path("proc/sys/vm/swappiness").path("original").asText(), "the new journal holds what it found");
    }

    /** A crash loop can leave a broken journal twice within a second: neither is overwritten, and the agent goes on. */
    @Test
    void twoBrokenJournalsInARowAreBothKept() throws IOException {
        file(NodeTuner.STATE_FILE, "{\"files\": ");
        new NodeTuner(root).apply("latency", LATENCY);
        file(NodeTuner.STATE_FILE, "{\"files\": ");
        new NodeTuner(root).apply("latency", LATENCY);

        assertEquals(2, setAside().size(), setAside().toString());
        assertTrue(read(NodeTuner.STATE_FILE).contains("\"profile\" : \"latency\""), "a new journal begins");
    }
}
