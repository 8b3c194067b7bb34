package dev.sqo.playground.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;

/**
 * A Kubernetes API on 127.0.0.1 and a free port that kubectl and the operator both talk to: fabric8's mock server
 * in CRUD mode behind {@link KubectlDispatcher}. It keeps objects in memory and runs no controllers.
 */
public final class EmbeddedApiServer implements AutoCloseable {

    /** The version the server reports; kubectl warns when it is more than one minor version away from its own. */
    public static final String KUBERNETES_VERSION = "v1.32.0";

    private final KubernetesMockServer server;
    private final URI url;

    private EmbeddedApiServer(KubernetesMockServer server) {
        this.server = server;
        this.url = URI.create("http://127.0.0.1:" + server.getPort());
    }

    public static EmbeddedApiServer start() {
        KubectlDispatcher dispatcher = new KubectlDispatcher(new KubernetesCrudDispatcher(), KUBERNETES_VERSION, Clock.systemUTC());
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new EmbeddedApiServer(server);
    }

    public URI url() {
        return url;
    }

    /** A client of this server that ignores any kubeconfig of the machine. */
    public KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url.toString()).withNamespace("default")
                .withRequestTimeout(10_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A kubeconfig with one context, "sqo-playground", readable only by its owner as kubeconfigs should be. */
    public void writeKubeconfig(Path file) throws IOException {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: sqo-playground
                    cluster:
                      server: %s
                users:
                  - name: sqo-playground
                    user: {}
                contexts:
                  - name: sqo-playground
                    context:
                      cluster: sqo-playground
                      user: sqo-playground
                      namespace: shop
                current-context: sqo-playground
                """.formatted(url);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, kubeconfig);
        PosixFileAttributeView permissions = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        // A file system without POSIX permissions keeps its own defaults.
        if (permissions != null) {
            permissions.setPermissions(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
