package dev.sqo.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sqo agent --once` as an admin runs it against a node tree (here a temporary one). */
class AgentCommandTest {

    @TempDir
    Path root;

    @BeforeEach
    void node() throws IOException {
        write("proc/sys/vm/swappiness", "60");
        write("proc/sys/net/core/rmem_max", "212992");
        write("proc/sys/net/core/wmem_max", "212992");
        write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "schedutil");
        write("sys/block/sda/queue/scheduler", "[bfq] mq-deadline none");
        Files.createDirectories(root.resolve("sys/block/sda/device"));
        write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"static\"}");
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content + "\n");
    }

    private CliRun agent(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--root";
        all[1] = root.toString();
        all[2] = "--once";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(new AgentCommand(), all);
    }

    @Test
    void appliesTheExampleProfileThenRestoresEverything() throws IOException {
        CliRun apply = agent("-f", "examples/node-tuning.yaml");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertTrue(apply.out().contains("vm.swappiness (proc/sys/vm/swappiness): 60 -> 10"), apply.out());
        assertTrue(apply.out().contains("cpu.governor (sys/devices/system/cpu/cpu0/cpufreq/scaling_governor): schedutil -> performance"));
        assertTrue(apply.out().contains("net.core.wmem_max (proc/sys/net/core/wmem_max): 212992 -> 16777216"));
        assertEquals("10", Files.readString(root.resolve("proc/sys/vm/swappiness")).trim());

        CliRun again = agent("-f", "examples/node-tuning.yaml");
        assertTrue(again.out().contains("vm.swappiness (proc/sys/vm/swappiness): 10 (unchanged)"), again.out());

        CliRun restore = agent();
        assertEquals(0, restore.code(), restore.err());
        assertTrue(restore.out().contains("vm.swappiness (proc/sys/vm/swappiness): 10 -> 60 (restored)"), restore.out());
        assertEquals("bfq", Files.readString(root.resolve("sys/block/sda/queue/scheduler")).trim());
        assertTrue(agent().out().contains("nothing to restore"));
    }

    @Test
    void aFailedSettingExitsNonZero() throws IOException {
        write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"none\"}");
        CliRun run = agent("-f", "examples/node-tuning.yaml");
        assertEquals(1, run.code());
        assertTrue(run.out().contains("kubelet.cpuManagerPolicy (var/lib/kubelet/cpu_manager_state): FAILED"), run.out());
        assertEquals("10", Files.readString(root.resolve("proc/sys/vm/swappiness")).trim(), "the rest is applied");
    }

    @Test
    void outOfRangeSettingsAndFreeFormSysctlsAreRefusedBeforeAnyWrite(@TempDir Path dir) throws IOException {
        Path low = dir.resolve("low.yaml");
        Files.writeString(low, Files.readString(Path.of("examples/node-tuning.yaml")).replace("swappiness: 10", "swappiness: 5"));
        CliRun run = agent("-f", low.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("spec.vm.swappiness: Invalid value: 5: should be greater than or equal to 10"), run.err());

        Path sysctl = dir.resolve("sysctl.yaml");
        Files.writeString(sysctl, Files.readString(Path.of("examples/node-tuning.yaml"))
                .replace("  vm:\n", "  sysctls:\n    kernel.panic: \"0\"\n  vm:\n"));
        CliRun refused = agent("-f", sysctl.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("field spec.sysctls"), refused.err());
        assertEquals("60", Files.readString(root.resolve("proc/sys/vm/swappiness")).trim(), "nothing written");
    }

    @Test
    void legacySchedulerNamesAreMappedWithAWarning(@TempDir Path dir) throws IOException {
        Path legacy = dir.resolve("legacy.yaml");
        Files.writeString(legacy, Files.readString(Path.of("examples/node-tuning.yaml")).replace("scheduler: mq-deadline", "scheduler: deadline"));
        CliRun run = agent("-f", legacy.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("deadline is the legacy single-queue name of mq-deadline"), run.err());
        assertEquals("mq-deadline", Files.readString(root.resolve("sys/block/sda/queue/scheduler")).trim());
    }
}
