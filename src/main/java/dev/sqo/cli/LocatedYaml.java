package dev.sqo.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the documents of a YAML (or JSON) stream into trees, remembering the line of every field, and refuses what
 * a plain reader would silently misread: a key given twice (the last would win), and so two documents run together
 * without a '---' between them.
 */
final class LocatedYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final JsonParser parser;
    private Map<String, Integer> lines;

    private LocatedYaml(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /** @throws InvalidInputException naming the source and line of the first problem */
    static List<Manifest> read(String source, Reader reader) throws InvalidInputException {
        List<Manifest> out = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            LocatedYaml yaml = new LocatedYaml(source, parser);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                yaml.lines = new HashMap<>();
                int line = lineOf(parser.currentTokenLocation());
                JsonNode tree = yaml.value(token, "");
                if (!tree.isNull()) {
                    out.add(new Manifest(source, out.size() + 1, line, tree, yaml.lines));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(source + (at == null ? "" : ":" + lineOf(at)) + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot be read: " + e.getMessage());
        }
        return out;
    }

    private JsonNode value(JsonToken token, String path) throws IOException, InvalidInputException {
        return switch (token) {
            case START_OBJECT -> object(path);
            case START_ARRAY -> array(path);
            case VALUE_STRING -> {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    // The reader hands an alias over as the anchor's name, not its value: refused rather than misread.
                    throw new InvalidInputException(source + ":" + lineOf(parser.currentTokenLocation()) + ": " + at(path)
                            + "YAML alias *" + parser.getText() + " is not read by sqo: write the value out");
                }
                yield NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new InvalidInputException(source + ":" + lineOf(parser.currentTokenLocation()) + ": unexpected " + token);
        };
    }

    private ObjectNode object(String path) throws IOException, InvalidInputException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = path.isEmpty() ? key : path + "." + key;
            int line = lineOf(parser.currentTokenLocation());
            if (key.equals("<<")) {
                throw new InvalidInputException(source + ":" + line + ": " + at(path) + "YAML merge keys (<<) are not read by sqo: "
                        + "write the fields out");
            }
            if (node.has(key)) {
                throw new InvalidInputException(source + ":" + line + ": " + duplicate(key, path, child));
            }
            lines.put(child, line);
            node.set(key, value(parser.nextToken(), child));
        }
        return node;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private String duplicate(String key, String path, String child) {
        String where = path.isEmpty() ? "at the top of the document" : "in " + path;
        String message = "key '" + key + "' repeats " + where + " (first on line " + lines.get(child) + "); a reader would keep "
                + "only the last one";
        // Two documents run together: the second one's apiVersion or kind repeats the first's.
        return path.isEmpty() && (key.equals("apiVersion") || key.equals("kind"))
                ? message + ". Is a '---' line missing before a second document?" : message;
    }

    private ArrayNode array(String path) throws IOException, InvalidInputException {
        ArrayNode node = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String child = path + "[" + node.size() + "]";
            lines.put(child, lineOf(parser.currentTokenLocation()));
            node.add(value(token, child));
        }
        return node;
    }

    private static int lineOf(JsonLocation location) {
        return location.getLineNr();
    }
}
