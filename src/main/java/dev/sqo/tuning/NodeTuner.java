package dev.sqo.tuning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies typed settings to one node by writing its /proc/sys and /sys files, all under a root directory (/ on a
 * node, a temporary tree in tests). It remembers each file's original value the first time it changes it, restores
 * the files a new profile no longer sets, and restores everything when no profile applies. It writes nothing
 * outside the files of the typed settings.
 */
public final class NodeTuner {

    /** Where the originals are kept, under the root, so that a later run (or a restarted agent) can restore them. */
    public static final String STATE_FILE = "var/lib/sqo/node-tuning.json";
    private static final String KUBELET_STATE = "var/lib/kubelet/cpu_manager_state";
    private static final Pattern CPU_DIR = Pattern.compile("cpu[0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public NodeTuner(Path root) {
        this.root = root;
    }

    /** Applies a profile's settings; files an earlier profile changed and this one does not set are restored. */
    public List<SettingResult> apply(String profile, List<TuningSetting> settings) throws IOException {
        State state = State.load(root.resolve(STATE_FILE));
        List<SettingResult> results = new ArrayList<>();
        Map<String, Desired> desired = new LinkedHashMap<>();
        for (TuningSetting s : settings) {
            if (s.key().equals(TuningSetting.CPU_MANAGER_POLICY)) {
                results.add(verifyKubelet(s.value()));
                continue;
            }
            List<String> files = files(s.key());
            if (files.isEmpty()) {
                results.add(new SettingResult(s.key(), pattern(s.key()), null, null, SettingResult.Outcome.FAILED,
                        "no such file on this node"));
            }
            for (String f : files) {
                desired.put(f, new Desired(s.key(), s.value()));
            }
        }
        for (String file : new ArrayList<>(state.originals.keySet())) {
            if (!desired.containsKey(file)) {
                results.add(restore(state, file, keyOf(file)));
            }
        }
        for (Map.Entry<String, Desired> e : desired.entrySet()) {
            results.add(set(state, e.getKey(), e.getValue()));
        }
        state.profile = profile;
        state.save(root.resolve(STATE_FILE));
        return results;
    }

    /** Restores every file this agent changed and forgets them. */
    public List<SettingResult> restore() throws IOException {
        State state = State.load(root.resolve(STATE_FILE));
        List<SettingResult> results = new ArrayList<>();
        for (String file : new ArrayList<>(state.originals.keySet())) {
            results.add(restore(state, file, keyOf(file)));
        }
        state.profile = null;
        state.save(root.resolve(STATE_FILE));
        return results;
    }

    /** The profile the remembered changes belong to, or null when nothing is changed. */
    public String appliedProfile() throws IOException {
        return State.load(root.resolve(STATE_FILE)).profile;
    }

    private SettingResult set(State state, String file, Desired d) {
        Path path = root.resolve(file);
        String current;
        List<String> offered;
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            current = d.key().equals(TuningSetting.SCHEDULER) ? selected(text) : text;
            offered = offered(d.key(), path, text);
        } catch (IOException e) {
            return new SettingResult(d.key(), file, null, null, SettingResult.Outcome.FAILED, "cannot read: " + e.getMessage());
        }
        if (offered != null && !offered.contains(d.value())) {
            return new SettingResult(d.key(), file, current, current, SettingResult.Outcome.FAILED,
                    d.value() + " is not offered here (offered: " + String.join(", ", offered) + ")");
        }
        if (current.equals(d.value())) {
            return new SettingResult(d.key(), file, current, current, SettingResult.Outcome.UNCHANGED, null);
        }
        String failure = write(path, d.value());
        if (failure != null) {
            return new SettingResult(d.key(), file, current, current, SettingResult.Outcome.FAILED, failure);
        }
        state.originals.putIfAbsent(file, current);
        return new SettingResult(d.key(), file, current, d.value(), SettingResult.Outcome.CHANGED, null);
    }

    private SettingResult restore(State state, String file, String key) {
        Path path = root.resolve(file);
        String original = state.originals.get(file);
        String current;
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            current = key.equals(TuningSetting.SCHEDULER) ? selected(text) : text;
        } catch (NoSuchFileException e) {
            // The device or core is gone: there is nothing left to restore.
            state.originals.remove(file);
            return new SettingResult(key, file, null, original, SettingResult.Outcome.RESTORED, "the file no longer exists");
        } catch (IOException e) {
            return new SettingResult(key, file, null, null, SettingResult.Outcome.FAILED, "cannot read: " + e.getMessage());
        }
        String failure = current.equals(original) ? null : write(path, original);
        if (failure != null) {
            return new SettingResult(key, file, current, current, SettingResult.Outcome.FAILED, "cannot restore " + original + ": " + failure);
        }
        state.originals.remove(file);
        return new SettingResult(key, file, current, original, SettingResult.Outcome.RESTORED, null);
    }

    /**
     * A file without any write permission is read-only, as a sysfs or procfs attribute of that mode is even for
     * root; checking the mode first keeps the agent from relying on the kernel to refuse.
     */
    private static String write(Path path, String value) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (!mode.contains(PosixFilePermission.OWNER_WRITE)) {
                return "read-only";
            }
            Files.writeString(path, value + "\n", StandardCharsets.UTF_8);
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot write: " + e.getMessage();
        }
    }

    private SettingResult verifyKubelet(String expected) {
        Path state = root.resolve(KUBELET_STATE);
        try {
            String policy = JSON.readTree(state.toFile()).path("policyName").asText("");
            if (policy.equals(expected)) {
                return new SettingResult(TuningSetting.CPU_MANAGER_POLICY, KUBELET_STATE, policy, policy, SettingResult.Outcome.VERIFIED, null);
            }
            return new SettingResult(TuningSetting.CPU_MANAGER_POLICY, KUBELET_STATE, policy, policy, SettingResult.Outcome.FAILED,
                    "the kubelet runs the " + (policy.isEmpty() ? "unknown" : policy) + " CPU manager policy, the profile expects "
                            + expected + "; set cpuManagerPolicy in the kubelet configuration (sqo does not reconfigure the kubelet)");
        } catch (IOException e) {
            return new SettingResult(TuningSetting.CPU_MANAGER_POLICY, KUBELET_STATE, null, null, SettingResult.Outcome.FAILED,
                    "cannot read the kubelet's CPU manager state to verify the " + expected + " policy");
        }
    }

    /** The files a setting writes on this node. */
    private List<String> files(String key) throws IOException {
        return switch (key) {
            case TuningSetting.SWAPPINESS -> existing("proc/sys/vm/swappiness");
            case TuningSetting.RMEM_MAX -> existing("proc/sys/net/core/rmem_max");
            case TuningSetting.WMEM_MAX -> existing("proc/sys/net/core/wmem_max");
            case TuningSetting.GOVERNOR -> children("sys/devices/system/cpu", name -> CPU_DIR.matcher(name).matches(),
                    "cpufreq/scaling_governor");
            case TuningSetting.SCHEDULER -> children("sys/block", name -> !name.startsWith("loop") && !name.startsWith("ram"),
                    "queue/scheduler");
            default -> throw new IllegalArgumentException("not a typed setting: " + key);
        };
    }

    private static String pattern(String key) {
        return switch (key) {
            case TuningSetting.SWAPPINESS -> "proc/sys/vm/swappiness";
            case TuningSetting.RMEM_MAX -> "proc/sys/net/core/rmem_max";
            case TuningSetting.WMEM_MAX -> "proc/sys/net/core/wmem_max";
            case TuningSetting.GOVERNOR -> "sys/devices/system/cpu/cpu*/cpufreq/scaling_governor";
            default -> "sys/block/*/queue/scheduler";
        };
    }

    private static String keyOf(String file) {
        if (file.startsWith("sys/block/")) {
            return TuningSetting.SCHEDULER;
        }
        if (file.startsWith("sys/devices/system/cpu/")) {
            return TuningSetting.GOVERNOR;
        }
        return switch (file) {
            case "proc/sys/vm/swappiness" -> TuningSetting.SWAPPINESS;
            case "proc/sys/net/core/rmem_max" -> TuningSetting.RMEM_MAX;
            default -> TuningSetting.WMEM_MAX;
        };
    }

    private List<String> existing(String file) {
        return Files.exists(root.resolve(file)) ? List.of(file) : List.of();
    }

    private List<String> children(String dir, java.util.function.Predicate<String> include, String file) throws IOException {
        Path base = root.resolve(dir);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(base)) {
            return entries.filter(p -> include.test(p.getFileName().toString()))
                    .map(p -> p.resolve(file)).filter(Files::exists)
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** The scheduler in brackets in "mq-deadline kyber [bfq] none", or the whole text when there are none. */
    private static String selected(String text) {
        int open = text.indexOf('[');
        int close = text.indexOf(']');
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }

    /** What the kernel offers for this file, or null when it does not say. */
    private static List<String> offered(String key, Path path, String text) throws IOException {
        if (key.equals(TuningSetting.SCHEDULER)) {
            return Arrays.stream(text.replace("[", "").replace("]", "").split("\\s+")).toList();
        }
        if (key.equals(TuningSetting.GOVERNOR)) {
            Path available = path.resolveSibling("scaling_available_governors");
            return Files.exists(available) ? Arrays.asList(Files.readString(available).trim().split("\\s+")) : null;
        }
        return null;
    }

    private record Desired(String key, String value) {
    }

    /** The agent's memory: which profile it applied and each changed file's original value. */
    private static final class State {
        String profile;
        final Map<String, String> originals = new TreeMap<>();

        static State load(Path file) throws IOException {
            State s = new State();
            if (Files.exists(file)) {
                var tree = JSON.readTree(file.toFile());
                s.profile = tree.path("profile").isTextual() ? tree.get("profile").asText() : null;
                tree.path("originals").fields().forEachRemaining(e -> s.originals.put(e.getKey(), e.getValue().asText()));
            }
            return s;
        }

        void save(Path file) throws IOException {
            if (originals.isEmpty() && profile == null) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            ObjectNode tree = JSON.createObjectNode();
            tree.put("profile", profile);
            ObjectNode o = tree.putObject("originals");
            originals.forEach(o::put);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
