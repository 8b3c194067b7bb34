package dev.sqo.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record PromRuleGroup(String name, List<PromRule> rules) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("rules", rules.stream().map(PromRule::toMap).toList());
        return m;
    }

    /** The group with these labels on every rule; a label sqo sets itself keeps sqo's value, which its queries rely on. */
    public PromRuleGroup withLabels(Map<String, String> extra) {
        return new PromRuleGroup(name, rules.stream().map(r -> {
            Map<String, String> merged = new LinkedHashMap<>(extra);
            merged.putAll(r.labels());
            return new PromRule(r.record(), r.alert(), r.expr(), r.forDuration(), merged, r.annotations());
        }).toList());
    }

    /** A plain Prometheus rule file: {@code groups: [...]}. */
    public static Map<String, Object> ruleFile(List<PromRuleGroup> groups) {
        return Map.of("groups", groups.stream().map(PromRuleGroup::toMap).toList());
    }
}
