package dev.sqo.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** One recording or alerting rule, as a Prometheus rule file writes it. */
public record PromRule(String record, String alert, String expr, String forDuration, Map<String, String> labels,
                       Map<String, String> annotations) {

    static PromRule recording(String record, String expr, Map<String, String> labels) {
        return new PromRule(record, null, expr, null, labels, Map.of());
    }

    static PromRule alerting(String alert, String expr, String forDuration, Map<String, String> labels,
                             Map<String, String> annotations) {
        return new PromRule(null, alert, expr, forDuration, labels, annotations);
    }

    /** The rule as the map a rule file holds, keys in the order people expect to read them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (record != null) {
            m.put("record", record);
        } else {
            m.put("alert", alert);
        }
        m.put("expr", expr);
        if (forDuration != null) {
            m.put("for", forDuration);
        }
        if (!labels.isEmpty()) {
            m.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            m.put("annotations", annotations);
        }
        return m;
    }
}
