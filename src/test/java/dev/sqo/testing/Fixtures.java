package dev.sqo.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** ServiceQuality fixtures from src/test/resources. */
public final class Fixtures {

    private static final ObjectMapper YAML = new YAMLMapper();

    private Fixtures() {
    }

    public static ServiceQuality serviceQuality(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return YAML.readValue(in, ServiceQuality.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of examples/ that declare a ServiceQuality (others hold NodeTuningProfiles). */
    public static java.util.List<java.nio.file.Path> serviceQualityExamples() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).filter(p -> {
                try {
                    return java.nio.file.Files.readString(p).contains("\nkind: ServiceQuality\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
