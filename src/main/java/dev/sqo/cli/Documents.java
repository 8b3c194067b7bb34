package dev.sqo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a command's one document to stdout, as JSON or YAML: nothing else goes there. The YAML is written for
 * review in a GitOps diff: PromQL and other long or quoted strings as literal blocks, never folded mid-token.
 */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Documents() {
    }

    /** Several objects, as kubectl prints them. */
    static Map<String, Object> list(List<?> items) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items);
        return list;
    }

    static void print(Object document, String output) throws java.io.IOException {
        String text = "yaml".equals(output) ? yaml().dump(JSON.convertValue(document, Object.class)) : JSON.writeValueAsString(document);
        System.out.println(text.stripTrailing());
        System.out.flush();
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(new ReadableStrings(options), options);
    }

    /**
     * Plain where YAML allows it; a literal block for what would otherwise be quoted and escaped (PromQL's label
     * matchers, messages with quotes) or run long. The emitter still quotes where a block cannot go, as in a key.
     */
    private static final class ReadableStrings extends Representer {
        ReadableStrings(DumperOptions options) {
            super(options);
            Represent plain = representers.get(String.class);
            representers.put(String.class, data -> {
                String s = (String) data;
                boolean block = s.contains("\"") || s.contains("\n") || s.length() > 100;
                return block ? representScalar(Tag.STR, s, DumperOptions.ScalarStyle.LITERAL) : plain.representData(data);
            });
        }
    }
}
