package dev.sqo.playground;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code prometheus} and {@code promtool} binaries of Debian's prometheus package, and installs the
 * package when it is missing and this process may (root with apt-get), so one command works on a fresh machine.
 */
public final class PrometheusInstallation {

    private final Path prometheus;
    private final Path promtool;

    private PrometheusInstallation(Path prometheus, Path promtool) {
        this.prometheus = prometheus;
        this.promtool = promtool;
    }

    public static synchronized PrometheusInstallation findOrInstall() throws IOException {
        Optional<Path> prometheus = onPath("prometheus");
        Optional<Path> promtool = onPath("promtool");
        if (prometheus.isEmpty() || promtool.isEmpty()) {
            install();
            prometheus = onPath("prometheus");
            promtool = onPath("promtool");
        }
        if (prometheus.isEmpty() || promtool.isEmpty()) {
            throw new IOException("prometheus and promtool are not installed; install the Debian package: apt-get install prometheus");
        }
        return new PrometheusInstallation(prometheus.get(), promtool.get());
    }

    public Path prometheus() {
        return prometheus;
    }

    public Path promtool() {
        return promtool;
    }

    private static void install() throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || onPath("apt-get").isEmpty()) {
            throw new IOException("prometheus and promtool are not installed, and this user cannot install them; "
                    + "as root run: apt-get install prometheus");
        }
        System.err.println("sqo: installing Debian's prometheus package (it brings promtool) ...");
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "prometheus");
    }

    private static void run(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
