package dev.sqo.cli;

import dev.sqo.playground.LiveTable;
import dev.sqo.playground.Playground;
import dev.sqo.playground.WorkloadSimulator;
import dev.sqo.slo.PromDuration;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code sqo playground}: the operator, unchanged, against an embedded Kubernetes API and a real Prometheus on this
 * machine. It starts before Quarkus does, because the operator's API server and Prometheus URL are configuration
 * that Quarkus reads once at start; {@link SqoMain} routes the command here for that reason.
 */
@Command(name = "playground", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run sqo without a cluster: an embedded Kubernetes API for kubectl, simulated "
        + "workloads under traffic, a real Prometheus with their history, and the operator acting on them.",
        footer = {"", "Documentation: docs/cli.md#sqo-playground, docs/playground.md"})
public class PlaygroundCommand implements Callable<Integer> {

    @Option(names = "--duration", description = "Stop after this long (e.g. 10m); without it, run until Ctrl-C.")
    String duration;

    @Option(names = "--kubeconfig-out", description = "Write the kubeconfig here (kept afterwards); by default a temporary "
            + "file that is removed at the end.")
    Path kubeconfigOut;

    @Option(names = "--history", defaultValue = "30d", description = "History to backfill into Prometheus (default: 30d).")
    String history;

    @Option(names = "--no-surge", description = "Leave out checkout's scripted surge of traffic two minutes after the start.")
    boolean noSurge;

    @Option(names = "--refresh", defaultValue = "5s", description = "How often the live table looks for changes (default: 5s).")
    String refresh;

    @Override
    public Integer call() throws IOException {
        Duration stopAfter = duration == null ? null : PromDuration.parse(duration);
        PrintStream out = System.out;
        out.println("sqo playground: starting the API, the workloads and Prometheus (backfilling " + history + " of history) ...");
        Playground playground = Playground.start(kubeconfigOut, PromDuration.parse(history), !noSurge, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(playground::close, "sqo-playground-stop"));
        int httpPort = freePort();
        System.setProperty("quarkus.kubernetes-client.api-server-url", playground.apiUrl().toString());
        System.setProperty("sqo.prometheus.url", playground.prometheusUrl().toString());
        System.setProperty("quarkus.http.host", "127.0.0.1");
        System.setProperty("quarkus.http.port", Integer.toString(httpPort));
        // One operator runs here, and nothing else could take over: no Lease to hold.
        System.setProperty("sqo.leader-election.enabled", "false");
        // The terminal belongs to the live table; the operator speaks up only when something is wrong.
        System.setProperty("quarkus.log.console.level", "WARN");
        out.printf("""
                  kubernetes API   %s
                  prometheus       %s
                  workload metrics %s
                  operator         http://127.0.0.1:%d/q/metrics
                  kubeconfig       %s

                Try:  export KUBECONFIG=%s
                      kubectl get sq            kubectl describe sq checkout      kubectl get deploy,pods
                      kubectl scale deploy search --replicas=3
                      kubectl annotate deploy checkout %s=0.05   (an incident: 5%% of requests fail)
                Stops %s; Ctrl-C stops everything it started and removes its files.

                """, playground.apiUrl(), playground.prometheusUrl(), playground.simulatorUrl(), httpPort, playground.kubeconfig(),
                playground.kubeconfig(), WorkloadSimulator.ERROR_RATIO,
                stopAfter == null ? "on Ctrl-C" : "after " + duration + " or on Ctrl-C");
        LiveTable table = new LiveTable(playground.client(), out, Clock.systemUTC());
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sqo-playground-table");
            t.setDaemon(true);
            return t;
        });
        printer.scheduleWithFixedDelay(table::refresh, 0, PromDuration.parse(refresh).toMillis(), TimeUnit.MILLISECONDS);
        if (stopAfter != null) {
            printer.schedule(() -> Quarkus.asyncExit(0), stopAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
        int[] exit = {0};
        try {
            Quarkus.run(SqoMain.class, (code, failure) -> exit[0] = code, "run");
        } finally {
            printer.shutdownNow();
            playground.close();
        }
        out.println("sqo playground: stopped; everything it started is gone.");
        return exit[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
