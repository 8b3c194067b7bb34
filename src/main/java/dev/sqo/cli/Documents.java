package dev.sqo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;

/** Writes a command's one document to stdout, as JSON or YAML: nothing else goes there. */
final class Documents {

    private Documents() {
    }

    static void print(Object document, String output) throws IOException {
        ObjectMapper mapper = "yaml".equals(output)
                ? new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println(mapper.writeValueAsString(document).stripTrailing());
        System.out.flush();
    }
}
