package dev.sqo.helm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * One HTTP request to the Kubernetes API as its authorizer sees it: a verb on a resource (with its API group,
 * subresource, namespace and name), or a verb on a non-resource URL such as /version.
 */
record ApiRequest(String verb, String group, String resource, String subresource, String namespace, String name, String path) {

    /** Kinds that live outside namespaces; a request for any other kind without a namespace spans all of them. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("nodes", "namespaces", "customresourcedefinitions",
            "nodetuningprofiles", "selfsubjectrulesreviews", "selfsubjectaccessreviews", "selfsubjectreviews");

    /** As the API server's request-info resolver reads the method and path with query. */
    static ApiRequest of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String[] parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        int versionEnd = parts.length > 0 && parts[0].equals("api") ? 2 : parts.length > 0 && parts[0].equals("apis") ? 3 : -1;
        if (versionEnd < 0 || parts.length <= versionEnd) {
            return new ApiRequest(method.toLowerCase(), null, null, null, null, null, path);
        }
        String group = parts[0].equals("api") ? "" : parts[1];
        String[] rest = Arrays.copyOfRange(parts, versionEnd, parts.length);
        String namespace = null;
        if (rest[0].equals("namespaces") && rest.length > 2) {
            namespace = rest[1];
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        String resource = rest[0];
        String name = rest.length > 1 ? rest[1] : null;
        String subresource = rest.length > 2 ? rest[2] : null;
        return new ApiRequest(verb(method, name, query), group, resource, subresource, namespace, name, path);
    }

    private static String verb(String method, String name, String query) {
        return switch (method) {
            case "GET", "HEAD" -> watch(query) ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new IllegalArgumentException("HTTP method " + method);
        };
    }

    private static boolean watch(String query) {
        for (String pair : query.split("&")) {
            String decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
            if (decoded.equals("watch=true") || decoded.equals("watch=1")) {
                return true;
            }
        }
        return false;
    }

    boolean isResource() {
        return resource != null;
    }

    /** A list or watch of a namespaced kind across all namespaces, which an operator watching some makes in each. */
    boolean spansNamespaces() {
        return isResource() && namespace == null && !CLUSTER_SCOPED.contains(resource);
    }

    ApiRequest inNamespace(String ns) {
        return new ApiRequest(verb, group, resource, subresource, ns, name, path);
    }

    @Override
    public String toString() {
        if (!isResource()) {
            return verb + " " + path;
        }
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (subresource == null ? "" : "/" + subresource)
                + (name == null ? "" : " " + name) + (namespace == null ? "" : " in " + namespace);
    }
}
