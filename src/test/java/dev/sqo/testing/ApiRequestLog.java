package dev.sqo.testing;

import dev.sqo.reconcile.SqoUserAgent;
import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Every request sqo's own components (the operator, the node agent) make to a mock API server during the suite,
 * written to {@code target/api-requests} when the test JVM exits, for {@code ChartRbacIT} to hold against the chart's
 * RBAC. sqo's clients name themselves by user agent ({@link SqoUserAgent}); what tests do themselves (fixtures,
 * reading results) goes through clients named otherwise and is left out.
 */
public final class ApiRequestLog {

    public static final Path DIRECTORY = Path.of("target", "api-requests");

    /**
     * This build's recordings: Maven gives the unit and the integration tests of one build the same timestamp, so
     * ChartRbacIT never reads what an earlier build recorded. (Not an sqo.* property: the operator's configuration
     * refuses keys under its prefix that it does not know.)
     */
    public static Path thisBuild() {
        return DIRECTORY.resolve(System.getProperty("api-request-log.build", "outside-maven"));
    }

    private static final List<DefaultMockServer> SERVERS = new ArrayList<>();

    private ApiRequestLog() {
    }

    /** Records what reaches this server from now until the JVM exits. */
    public static synchronized void record(DefaultMockServer server) {
        if (SERVERS.isEmpty()) {
            clearEarlierRuns();
            Runtime.getRuntime().addShutdownHook(new Thread(ApiRequestLog::write, "api-request-log"));
        }
        if (SERVERS.stream().noneMatch(s -> s == server)) {
            SERVERS.add(server);
        }
    }

    /** What earlier builds recorded, and files of this one that another JVM wrote (this JVM writes at its exit). */
    private static void clearEarlierRuns() {
        String mine = "requests-" + ProcessHandle.current().pid() + "-";
        try {
            Files.createDirectories(thisBuild());
            try (var recorded = Files.walk(DIRECTORY)) {
                for (Path f : recorded.sorted(Comparator.reverseOrder()).toList()) {
                    boolean current = f.equals(DIRECTORY) || f.equals(thisBuild()) || f.getFileName().toString().startsWith(mine);
                    if (!current) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per distinct request: component, method and path with query, tab-separated. */
    private static synchronized void write() {
        Set<String> lines = new TreeSet<>();
        for (DefaultMockServer server : SERVERS) {
            try {
                RecordedRequest r;
                while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                    String component = component(r.getHeader("User-Agent"));
                    if (component != null) {
                        lines.add(component + "\t" + r.getMethod() + "\t" + r.getPath());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            // Quarkus tests load this class again in their own class loader: each copy writes a file of its own.
            Files.write(thisBuild().resolve("requests-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tsv"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String component(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        for (String c : List.of(SqoUserAgent.OPERATOR, SqoUserAgent.AGENT)) {
            if (userAgent.startsWith(c + "/")) {
                return c;
            }
        }
        return null;
    }
}
