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
}
