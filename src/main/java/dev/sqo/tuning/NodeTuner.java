package dev.sqo.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies typed settings to one node by writing its /proc/sys and /sys files, all under a root directory (/ on a
 * node, a temporary tree in tests).
 *
 * <p>Safety: it writes only the files of the typed settings, and only where they really are under the root's
 * proc/sys and sys (no symlink leads elsewhere). Before it changes a file it journals the file's original value and
 * the value it writes, on disk, so that a crash never loses an original. It restores the files a new profile no
 * longer sets, and everything when no profile applies, but never a file someone else changed since.
 *
 * <p>A journal that cannot be read (truncated by a crash, or edited) is set aside next to it, never guessed from:
 * the originals it held are lost, so those files keep their values, every pass reports the loss as a failure until
 * an admin deletes the set-aside file, and tuning goes on with a new journal.
 */
public final class NodeTuner {

    /** The journal, under the root, so that a later run (or a restarted agent) can restore the originals. */
    public static final String STATE_FILE = "var/lib/sqo/node-tuning.json";
    /** Where an unreadable journal goes: {@value #STATE_FILE}.corrupt-20261130T041000Z. */
    private static final String SET_ASIDE = ".corrupt-";
    private static final DateTimeFormatter SET_ASIDE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String KUBELET_STATE = "var/lib/kubelet/cpu_manager_state";
    private static final Pattern CPU_DIR = Pattern.compile("cpu[0-9]+");
    /** Every file sqo may write; a journal entry for anything else (a hand edit) is ignored. */
    private static final Pattern WRITABLE = Pattern.compile("proc/sys/vm/swappiness|proc/sys/net/core/[rw]mem_max"
            + "|sys/devices/system/cpu/cpu[0-9]+/cpufreq/scaling_governor|sys/block/[A-Za-z0-9_.-]+/queue/scheduler");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public NodeTuner(Path root) {
        this.root = root;
    }

    /** Applies a profile's settings; files an earlier profile changed and this one does not set are restored. */
    public List<SettingResult> apply(String profile, List<TuningSetting> settings) throws IOException {
        Journal journal = Journal.load(root.resolve(STATE_FILE));
        List<SettingResult> results = new ArrayList<>(lostJournals());
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
        for (String file : new ArrayList<>(journal.entries.keySet())) {
            if (!desired.containsKey(file)) {
                results.add(restore(journal, file));
            }
        }
        // Read everything first and journal what will change before writing anything: a crash between a write and
        // the journal must never lose the value to restore.
        Map<String, String> writes = new LinkedHashMap<>();
        for (Map.Entry<String, Desired> e : desired.entrySet()) {
            String file = e.getKey();
            Desired d = e.getValue();
            Current current = read(file, d.key());
            if (current.failure() != null) {
                results.add(new SettingResult(d.key(), file, null, null, SettingResult.Outcome.FAILED, current.failure()));
            } else if (current.offered() != null && !current.offered().contains(d.value())) {
                results.add(new SettingResult(d.key(), file, current.value(), current.value(), SettingResult.Outcome.FAILED,
                        d.value() + " is not offered here (offered: " + String.join(", ", current.offered()) + ")"));
            } else if (current.value().equals(d.value())) {
                results.add(new SettingResult(d.key(), file, current.value(), current.value(), SettingResult.Outcome.UNCHANGED, null));
            } else {
                writes.put(file, current.value());
                journal.entries.merge(file, new Entry(current.value(), d.value()), (old, now) -> new Entry(old.original(), d.value()));
            }
        }
        journal.profile = profile;
        journal.save(root.resolve(STATE_FILE));
        for (Map.Entry<String, String> w : writes.entrySet()) {
            Desired d = desired.get(w.getKey());
            String failure = write(w.getKey(), d.value());
            if (failure == null) {
                results.add(new SettingResult(d.key(), w.getKey(), w.getValue(), d.value(), SettingResult.Outcome.CHANGED, null));
            } else {
                Entry entry = journal.entries.get(w.getKey());
                if (entry.original().equals(w.getValue())) {
                    journal.entries.remove(w.getKey()); // never changed by sqo: nothing to restore
                } else {
                    journal.entries.put(w.getKey(), new Entry(entry.original(), w.getValue()));
                }
                results.add(new SettingResult(d.key(), w.getKey(), w.getValue(), w.getValue(), SettingResult.Outcome.FAILED, failure));
            }
        }
        journal.save(root.resolve(STATE_FILE));
        return results;
    }

    /** Restores every file this agent changed and forgets them. */
    public List<SettingResult> restore() throws IOException {
        Journal journal = Journal.load(root.resolve(STATE_FILE));
        List<SettingResult> results = new ArrayList<>(lostJournals());
        results.addAll(journal.ignored.stream().map(f -> new SettingResult("?", f, null, null,
                SettingResult.Outcome.SKIPPED, "not a file sqo writes: ignored")).toList());
        for (String file : new ArrayList<>(journal.entries.keySet())) {
            results.add(restore(journal, file));
        }
        journal.profile = null;
        journal.save(root.resolve(STATE_FILE));
        return results;
    }

    /**
     * One failure per journal set aside: what it held is not restored, and saying so on every pass keeps the node
     * Degraded until someone has looked.
     */
    private List<SettingResult> lostJournals() throws IOException {
        Path journal = root.resolve(STATE_FILE);
        if (!Files.isDirectory(journal.getParent())) {
            return List.of();
        }
        List<SettingResult> out = new ArrayList<>();
        try (DirectoryStream<Path> aside = Files.newDirectoryStream(journal.getParent(), journal.getFileName() + SET_ASIDE + "*")) {
            for (Path p : aside) {
                out.add(new SettingResult("journal", root.relativize(p).toString(), null, null, SettingResult.Outcome.FAILED,
                        "unreadable (truncated or corrupt), set aside here: the originals of the settings sqo changed before"
                                + " are lost and will not be restored; sqo goes on applying and journals anew. Check this"
                                + " node's settings against the file, then delete it"));
            }
        }
        out.sort(Comparator.comparing(SettingResult::target));
        return out;
    }

    private SettingResult restore(Journal journal, String file) {
        String key = keyOf(file);
        Entry entry = journal.entries.get(file);
        Current current = read(file, key);
        if (current.missing()) {
            // The device or core is gone: there is nothing left to restore.
            journal.entries.remove(file);
            return new SettingResult(key, file, null, entry.original(), SettingResult.Outcome.SKIPPED, "the file no longer exists");
        }
        if (current.failure() != null) {
            return new SettingResult(key, file, null, null, SettingResult.Outcome.FAILED, current.failure());
        }
        if (!current.value().equals(entry.written()) && !current.value().equals(entry.original())) {
            // Someone changed it after sqo did: their value wins over sqo's memory of the original.
            journal.entries.remove(file);
            return new SettingResult(key, file, current.value(), current.value(), SettingResult.Outcome.SKIPPED,
                    "changed by someone else since sqo wrote " + entry.written() + ": left as is");
        }
        String failure = current.value().equals(entry.original()) ? null : write(file, entry.original());
        if (failure != null) {
            return new SettingResult(key, file, current.value(), current.value(), SettingResult.Outcome.FAILED,
                    "cannot restore " + entry.original() + ": " + failure);
        }
        journal.entries.remove(file);
        return new SettingResult(key, file, current.value(), entry.original(), SettingResult.Outcome.RESTORED, null);
    }

    private record Current(String value, List<String> offered, String failure, boolean missing) {
    }

    private Current read(String file, String key) {
        Path path;
        try {
            path = contained(file);
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            return new Current(key.equals(TuningSetting.SCHEDULER) ? selected(text) : text, offered(key, path, text), null, false);
        } catch (NoSuchFileException e) {
            return new Current(null, null, "no such file", true);
        } catch (IOException | SecurityException e) {
            return new Current(null, null, "cannot read: " + e.getMessage(), false);
        }
    }

    /**
     * A file without any write permission is read-only, as a sysfs or procfs attribute of that mode is even for
     * root; checking the mode first keeps the agent from relying on the kernel to refuse.
     */
    private String write(String file, String value) {
        try {
            Path path = contained(file);
            if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                if (!mode.contains(PosixFilePermission.OWNER_WRITE)) {
                    return "read-only";
                }
            }
            Files.writeString(path, value + "\n", StandardCharsets.UTF_8);
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot write: " + e.getMessage();
        }
    }

    /** The file's real location, which must be one sqo may write and lie under the root's proc/sys or sys. */
    private Path contained(String file) throws IOException {
        if (!WRITABLE.matcher(file).matches()) {
            throw new SecurityException(file + " is not a file of a typed setting");
        }
        Path real = root.resolve(file).toRealPath();
        Path base = root.toRealPath();
        if (!real.startsWith(base.resolve("sys")) && !real.startsWith(base.resolve("proc/sys"))) {
            throw new SecurityException(file + " leads outside " + root + "/proc/sys and /sys");
        }
        return real;
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
            case TuningSetting.GOVERNOR -> children("sys/devices/system/cpu", dir -> CPU_DIR.matcher(dir.getFileName().toString()).matches(),
                    "cpufreq/scaling_governor");
            // Physical devices only (they have a device link): stacked ones (dm, md, zram, loop) pass IO on to them
            // and offer no scheduler but none, as TuneD's disk plugin also assumes.
            case TuningSetting.SCHEDULER -> children("sys/block", dir -> Files.exists(dir.resolve("device")), "queue/scheduler");
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

    private List<String> children(String dir, Predicate<Path> include, String file) throws IOException {
        Path base = root.resolve(dir);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(base)) {
            return entries.filter(include).map(p -> p.resolve(file)).filter(Files::exists)
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

    /** A changed file: the value found before sqo's first change, and the value sqo wrote last. */
    private record Entry(String original, String written) {
    }

    /** The agent's memory: which profile it applied and, per changed file, the original and the written value. */
    private static final class Journal {
        String profile;
        final Map<String, Entry> entries = new TreeMap<>();
        final List<String> ignored = new ArrayList<>();

        /** The journal on disk; one that cannot be read is set aside and an empty one begins. */
        static Journal load(Path file) throws IOException {
            Journal j = new Journal();
            if (Files.exists(file)) {
                JsonNode tree = readable(file);
                if (tree == null) {
                    setAside(file);
                    return j;
                }
                j.profile = tree.path("profile").isTextual() ? tree.get("profile").asText() : null;
                for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("files").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (WRITABLE.matcher(e.getKey()).matches() && e.getValue().path("original").isTextual()) {
                        j.entries.put(e.getKey(), new Entry(e.getValue().get("original").asText(), e.getValue().path("written").asText()));
                    } else {
                        j.ignored.add(e.getKey());
                    }
                }
            }
            return j;
        }

        /**
         * Written to a temporary file, flushed to disk, and moved into place, then the directory flushed too: a crash
         * or power loss leaves the old journal or the new one, never a truncated one, and never the old one after
         * the settings it does not list were written.
         */
        void save(Path file) throws IOException {
            if (entries.isEmpty() && profile == null) {
                if (Files.deleteIfExists(file)) {
                    syncDirectory(file.getParent());
                }
                return;
            }
            Files.createDirectories(file.getParent());
            ObjectNode tree = JSON.createObjectNode();
            tree.put("profile", profile);
            ObjectNode files = tree.putObject("files");
            entries.forEach((path, entry) -> files.putObject(path).put("original", entry.original()).put("written", entry.written()));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
        }

        /** The journal's tree, or null when it is not a JSON object (an empty file is what a crash before a flush leaves). */
        private static JsonNode readable(Path file) throws IOException {
            try {
                JsonNode tree = JSON.readTree(file.toFile());
                return tree != null && tree.isObject() ? tree : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        /**
         * Kept for the admin, under a name that says when; never overwritten (a second one within the same second, as
         * in a crash loop, gets a number), never read again.
         */
        private static void setAside(Path file) throws IOException {
            String name = file.getFileName() + SET_ASIDE + SET_ASIDE_TIME.format(Instant.now());
            Path aside = file.resolveSibling(name);
            for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
                aside = file.resolveSibling(name + "." + n);
            }
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
        }

        /**
         * Makes a rename or deletion in the directory durable. Where the platform cannot open a directory (Windows),
         * the move is as durable as it makes it; a failing flush is an error like any other.
         */
        private static void syncDirectory(Path dir) throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(dir, StandardOpenOption.READ);
            } catch (IOException e) {
                return;
            }
            try (channel) {
                channel.force(true);
            }
        }
    }
}
