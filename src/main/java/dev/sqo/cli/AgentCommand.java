package dev.sqo.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.actuate.NodeAgent;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningValidator;
import dev.sqo.api.SqoApi;
import dev.sqo.reconcile.SqoUserAgent;
import dev.sqo.slo.PromDuration;
import dev.sqo.tuning.NodeTuner;
import dev.sqo.tuning.ProfileSettings;
import dev.sqo.tuning.SettingResult;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The node agent. In a cluster (a DaemonSet) it applies the profile the operator assigned to its node, again and
 * again; with --once it applies a profile file, or restores, once, for admins and tests.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Apply node tuning on this node: from the cluster (DaemonSet), or once from a file.",
        footer = {"", "Exit codes with --once: 0 applied, 1 a setting failed, 2 an invalid profile.",
                "Documentation: docs/cli.md#sqo-agent, docs/node-tuning.md"})
public class AgentCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(AgentCommand.class);
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Option(names = "--root", defaultValue = "/", description = "Directory holding the node's proc/sys and sys (default /; "
            + "/host in the DaemonSet, where the host's are mounted).")
    Path root;

    @Option(names = "--once", description = "Apply the profile of -f once, or without -f restore every setting changed before, and exit.")
    boolean once;

    @Option(names = {"-f", "--file"}, description = "A NodeTuningProfile YAML file (with --once).")
    Path file;

    @Option(names = "--node", description = "This node's name (default: the NODE_NAME environment variable).")
    String node;

    @Option(names = "--interval", defaultValue = "30s", description = "How often the in-cluster agent re-applies (default ${DEFAULT-VALUE}).")
    String interval;

    /** Looked up only in cluster mode: --once never talks to an API server. */
    @Inject
    Instance<Config> kubernetes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (!once) {
            return loop(err);
        }
        NodeTuner tuner = new NodeTuner(root);
        List<SettingResult> results;
        if (file == null) {
            results = tuner.restore();
            if (results.isEmpty()) {
                out.println("nothing to restore under " + root);
            }
        } else {
            NodeTuningProfile profile;
            try {
                profile = read(file);
            } catch (IllegalArgumentException e) {
                err.println("sqo agent: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            List<String> problems = NodeTuningValidator.problems(profile);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("sqo agent: " + file + ": " + p));
                return ExitCodes.BAD_INPUT;
            }
            ProfileSettings settings = ProfileSettings.of(profile.getSpec());
            settings.warnings().forEach(w -> err.println("sqo agent: warning: " + w));
            results = tuner.apply(profile.getMetadata().getName(), settings.settings());
        }
        results.forEach(r -> out.println(r.line()));
        return results.stream().anyMatch(r -> r.outcome().failed()) ? 1 : 0;
    }

    private int loop(PrintStream err) throws InterruptedException {
        String name = node != null ? node : System.getenv("NODE_NAME");
        if (name == null || name.isBlank()) {
            err.println("sqo agent: in a cluster the agent needs its node's name: --node or NODE_NAME (from spec.nodeName)");
            return ExitCodes.BAD_INPUT;
        }
        Duration every = PromDuration.parse(interval);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(kubernetes.get()).withUserAgent(SqoUserAgent.of(SqoUserAgent.AGENT)).build()).build();
        NodeAgent agent = new NodeAgent(client, new NodeTuner(root), name, Clock.systemUTC());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                agent.cycle().forEach(r -> (r.outcome().failed() ? err : System.out).println(r.line()));
            } catch (IOException | RuntimeException e) {
                // One bad pass (the API server restarting, a file briefly busy) must not kill the DaemonSet's pod.
                LOG.errorf(e, "node tuning pass on %s failed; retrying in %s", name, interval);
            }
            Thread.sleep(every.toMillis());
        }
        return 0;
    }

    /** One NodeTuningProfile, read strictly: an unknown field (a free-form sysctl) is refused by name. */
    static NodeTuningProfile read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        JsonNode doc = YAML.readTree(file.toFile());
        if (doc == null || !"NodeTuningProfile".equals(doc.path("kind").asText()) || !SqoApi.API_VERSION.equals(doc.path("apiVersion").asText())) {
            throw new IllegalArgumentException(file + ": not a NodeTuningProfile (apiVersion " + SqoApi.API_VERSION + ")");
        }
        try {
            return STRICT.treeToValue(doc, NodeTuningProfile.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("?");
            throw new IllegalArgumentException(file + ": field " + field + ": " + e.getOriginalMessage()
                    + " (only the typed settings cpu, vm, disk, net and kubelet exist)");
        }
    }
}
