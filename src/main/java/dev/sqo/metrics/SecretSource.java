package dev.sqo.metrics;

import java.util.Optional;

/** Reads one key of a Secret; the operator reads the cluster, the CLI has no Secrets. */
public interface SecretSource {
    Optional<String> value(String namespace, String name, String key);
}
