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

    /** A plain Prometheus rule file: {@code groups: [...]}. */
    public static Map<String, Object> ruleFile(List<PromRuleGroup> groups) {
        return Map.of("groups", groups.stream().map(PromRuleGroup::toMap).toList());
    }
}
