package dev.sqo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's RBAC as the API server's RBAC authorizer reads it: the rules bound to a service account, cluster-wide
 * (ClusterRoleBindings) or in one namespace (RoleBindings), plus what every authenticated account has anyway.
 */
public final class ChartRbac {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The API server's bootstrap roles every authenticated account holds: system:basic-user (reviews of its own
     * access), system:discovery and system:public-info-viewer (discovery and version).
     */
    private static final List<PolicyRule> EVERY_ACCOUNT = List.of(
            new PolicyRuleBuilder().withApiGroups("authorization.k8s.io")
                    .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews").withVerbs("create").build(),
            new PolicyRuleBuilder().withApiGroups("authentication.k8s.io").withResources("selfsubjectreviews").withVerbs("create").build(),
            new PolicyRuleBuilder().withNonResourceURLs("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/readyz",
                    "/version", "/version/", "/openapi", "/openapi/*").withVerbs("get").build());

    private final Map<String, List<PolicyRule>> roles = new HashMap<>();
    /** Service account (namespace/name) to the namespace a binding grants in, null for cluster-wide, and its role. */
    private final List<Grant> grants = new ArrayList<>();

    private record Grant(String account, String namespace, String role) {
    }

    private ChartRbac(List<JsonNode> manifests) {
        for (JsonNode m : manifests) {
            String kind = m.path("kind").asText();
            String namespace = m.path("metadata").path("namespace").asText(null);
            String name = m.path("metadata").path("name").asText();
            switch (kind) {
                case "ClusterRole" -> roles.put(roleKey("ClusterRole", null, name), rules(m));
                case "Role" -> roles.put(roleKey("Role", namespace, name), rules(m));
                case "ClusterRoleBinding", "RoleBinding" -> {
                    RoleRef ref = JSON.convertValue(m.path("roleRef"), RoleRef.class);
                    String role = roleKey(ref.getKind(), ref.getKind().equals("Role") ? namespace : null, ref.getName());
                    for (JsonNode s : m.path("subjects")) {
                        Subject subject = JSON.convertValue(s, Subject.class);
                        if ("ServiceAccount".equals(subject.getKind())) {
                            grants.add(new Grant(subject.getNamespace() + "/" + subject.getName(),
                                    kind.equals("RoleBinding") ? namespace : null, role));
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The RBAC of the chart rendered into a namespace with these values. */
    public static ChartRbac render(String namespace, Map<String, Object> values) {
        return new ChartRbac(RenderedChart.render(namespace, values));
    }

    /** Whether the account (namespace/name) may make the request. */
    boolean allows(String account, ApiRequest request) {
        return rules(account, request.namespace()).stream().anyMatch(r -> matches(r, request));
    }

    /** The rules that apply to the account's requests in a namespace (null: cluster-scoped requests). */
    public List<PolicyRule> rules(String account, String namespace) {
        List<PolicyRule> out = new ArrayList<>(EVERY_ACCOUNT);
        for (Grant g : grants) {
            if (g.account().equals(account) && (g.namespace() == null || g.namespace().equals(namespace))) {
                out.addAll(roles.getOrDefault(g.role(), List.of()));
            }
        }
        return out;
    }

    private static boolean matches(PolicyRule rule, ApiRequest request) {
        if (!covers(rule.getVerbs(), request.verb())) {
            return false;
        }
        if (!request.isResource()) {
            return rule.getNonResourceURLs().stream().anyMatch(u -> u.equals(request.path())
                    || u.endsWith("*") && request.path().startsWith(u.substring(0, u.length() - 1)));
        }
        String resource = request.resource() + (request.subresource() == null ? "" : "/" + request.subresource());
        // A rule naming resources allows only requests that name one of them: never a create, list or watch.
        boolean named = rule.getResourceNames().isEmpty() || request.name() != null && rule.getResourceNames().contains(request.name());
        return covers(rule.getApiGroups(), request.group()) && covers(rule.getResources(), resource) && named;
    }

    private static boolean covers(List<String> values, String value) {
        return values.contains(value) || values.contains("*");
    }

    private static List<PolicyRule> rules(JsonNode role) {
        List<PolicyRule> out = new ArrayList<>();
        role.path("rules").forEach(r -> out.add(JSON.convertValue(r, PolicyRule.class)));
        return out;
    }

    private static String roleKey(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
