package dev.sqo.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy discovery documents kubectl reads before anything else ({@code /api}, {@code /apis} and one resource
 * list per group version), for the built-in kinds and the installed CustomResourceDefinitions. kubectl resolves
 * {@code sq}, {@code deploy} and the scale subresource from these.
 */
public final class ApiDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ApiResource> resources;

    public ApiDiscovery(List<ApiResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** The built-in kinds plus every served version of the given CustomResourceDefinitions. */
    public static ApiDiscovery of(List<JsonNode> crds) {
        List<ApiResource> all = new ArrayList<>(ApiResource.builtIn());
        for (JsonNode crd : crds) {
            JsonNode spec = crd.path("spec");
            JsonNode names = spec.path("names");
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean(true)) {
                    continue;
                }
                List<String> subresources = new ArrayList<>();
                version.path("subresources").fieldNames().forEachRemaining(subresources::add);
                List<String> shortNames = new ArrayList<>();
                names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
                all.add(new ApiResource(spec.path("group").asText(), version.path("name").asText(), names.path("plural").asText(),
                        names.path("singular").asText(), names.path("kind").asText(),
                        "Namespaced".equals(spec.path("scope").asText()), shortNames, subresources));
            }
        }
        return new ApiDiscovery(all);
    }

    public List<ApiResource> resources() {
        return resources;
    }

    /** The resource a request path names, e.g. {@code /apis/apps/v1/namespaces/shop/deployments/checkout}. */
    public Optional<ApiResource> resourceOf(String path) {
        String[] parts = path.replaceFirst("^/", "").split("/");
        int at = "api".equals(parts[0]) ? 2 : 3;
        if (parts.length > at + 2 && "namespaces".equals(parts[at])) {
            at += 2;
        }
        if (parts.length <= at) {
            return Optional.empty();
        }
        String groupVersion = "api".equals(parts[0]) ? parts[1] : parts[1] + "/" + parts[2];
        String plural = parts[at];
        return resources.stream().filter(r -> r.groupVersion().equals(groupVersion) && r.plural().equals(plural)).findFirst();
    }

    public String apiVersions(String serverAddress) {
        ObjectNode out = JSON.createObjectNode().put("kind", "APIVersions");
        out.putArray("versions").add("v1");
        out.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return out.toString();
    }

    public String groupList() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (ApiResource r : resources) {
            if (!r.group().isEmpty()) {
                List<String> versions = versionsByGroup.computeIfAbsent(r.group(), g -> new ArrayList<>());
                if (!versions.contains(r.version())) {
                    versions.add(r.version());
                }
            }
        }
        ObjectNode out = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = out.putArray("groups");
        versionsByGroup.forEach((group, versions) -> {
            ObjectNode g = groups.addObject().put("name", group);
            ArrayNode list = g.putArray("versions");
            versions.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        });
        return out.toString();
    }

    /** The resource list of one group version, or empty when nothing is served there. */
    public Optional<String> resourceList(String groupVersion) {
        List<ApiResource> matching = resources.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode list = out.putArray("resources");
        for (ApiResource r : matching) {
            ObjectNode entry = list.addObject().put("name", r.plural()).put("singularName", r.singular())
                    .put("namespaced", r.namespaced()).put("kind", r.kind());
            ArrayNode verbs = entry.putArray("verbs");
            ApiResource.VERBS.forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode shortNames = entry.putArray("shortNames");
                r.shortNames().forEach(shortNames::add);
            }
            for (String sub : r.subresources()) {
                ObjectNode s = list.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
                        .put("namespaced", r.namespaced());
                if ("scale".equals(sub)) {
                    s.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
                } else {
                    s.put("kind", r.kind());
                }
                s.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(out.toString());
    }
}
