package dev.sqo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The manifests `helm template` renders from the chart, through a real helm. */
final class RenderedChart {

    static final Path CHART = Path.of("helm/sqo");
    static final String RELEASE = "sqo";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RenderedChart() {
    }

    static List<JsonNode> render(String namespace, Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(namespace);
        values.forEach(template::set);
        return render(template);
    }

    static List<JsonNode> render(TemplateCommand template) {
        String rendered = template.call();
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(doc);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
