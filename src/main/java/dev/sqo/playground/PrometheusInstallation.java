package dev.sqo.playground;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the {@code prometheus} and {@code promtool} binaries of Debian's prometheus package, and installs the
 * package when it is missing and this process may, so one command works on a fresh machine.
 */
public final class PrometheusInstallation {

    private final Path prometheus;
    private final Path promtool;

    private PrometheusInstallation(Path prometheus, Path promtool) {
        this.prometheus = prometheus;
        this.promtool = promtool;
    }

    public static synchronized PrometheusInstallation findOrInstall() throws IOException {
        // One package brings both.
        Path prometheus = DebianPackages.findOrInstall("prometheus", "prometheus");
        return new PrometheusInstallation(prometheus, DebianPackages.findOrInstall("promtool", "prometheus"));
    }

    public Path prometheus() {
        return prometheus;
    }

    public Path promtool() {
        return promtool;
    }
}
