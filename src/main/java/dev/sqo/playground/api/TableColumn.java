package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * One column of a {@code kubectl get} table.
 *
 * @param type     the OpenAPI type kubectl aligns by: string, integer, number, boolean or date
 * @param priority 0 for the default view, more for {@code -o wide}
 * @param value    the cell of one object, or null for an empty cell
 */
public record TableColumn(String name, String type, String description, int priority, Function<JsonNode, Object> value) {
}
