package dev.sqo.playground;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a command on the PATH and installs its Debian package when it is missing and this process may (root with apt-get). */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** The command's path, installing the package first when needed; a message names the package otherwise. */
    public static synchronized Path findOrInstall(String command, String debianPackage) throws IOException {
        Optional<Path> found = onPath(command);
        if (found.isEmpty()) {
            install(debianPackage);
            found = onPath(command);
        }
        return found.orElseThrow(() -> new IOException(command + " is not installed; install the Debian package: apt-get install "
                + debianPackage));
    }

    static void install(String debianPackage) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || onPath("apt-get").isEmpty()) {
            throw new IOException(debianPackage + " is not installed, and this user cannot install it; as root run: apt-get install "
                    + debianPackage);
        }
        System.err.println("sqo: installing Debian's " + debianPackage + " package ...");
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", debianPackage);
    }

    private static void run(String... command) throws IOException {
        Path log = Files.createTempFile("sqo-apt", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                // apt says why (no network, a held package, a lock): its last lines go into the message.
                List<String> lines = Files.readAllLines(log);
                throw new IOException(String.join(" ", command) + " failed with exit code " + code + ": "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Optional<Path> onPath(String name) {
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
