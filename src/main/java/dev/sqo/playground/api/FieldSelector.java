package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A field selector such as {@code involvedObject.name=checkout,type!=Normal}, applied to the items of a list: what
 * {@code kubectl describe} uses to find an object's events.
 */
public record FieldSelector(List<Term> terms) {

    public record Term(String path, String value, boolean equal) {
        boolean matches(JsonNode item) {
            JsonNode node = item;
            for (String field : path.split("\\.")) {
                node = node.path(field);
            }
            String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
            return actual.equals(value) == equal;
        }
    }

    public static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            int ne = term.indexOf("!=");
            if (ne > 0) {
                terms.add(new Term(term.substring(0, ne).trim(), term.substring(ne + 2).trim(), false));
                continue;
            }
            String[] kv = term.split("==?", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("invalid field selector term: " + term);
            }
            terms.add(new Term(kv[0].trim(), kv[1].trim(), true));
        }
        return new FieldSelector(terms);
    }

    /** The list with only the items every term matches. */
    public JsonNode filter(JsonNode list) {
        ObjectNode out = list.deepCopy();
        ArrayNode items = out.putArray("items");
        for (JsonNode item : list.path("items")) {
            if (terms.stream().allMatch(t -> t.matches(item))) {
                items.add(item);
            }
        }
        return out;
    }
}
