package dev.sqo.testing;

import dev.sqo.helm.ChartRbac;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * For {@code @WithKubernetesTestServer(setup = ...)}: the mock API server as the operator meets it in a cluster
 * installed with the chart. The operator's requests go to {@link ApiRequestLog}; the access review its leader
 * election asks before it starts (which the mock server would store instead of answering) is answered with the
 * rules the chart's RBAC gives it in its namespace.
 */
public class OperatorTestServer implements Consumer<KubernetesServer> {

    /** The mock client's namespace, where the operator holds its Lease: the release's namespace. */
    private static final String NAMESPACE = "test";

    @Override
    public void accept(KubernetesServer server) {
        ApiRequestLog.record(server.getKubernetesMockServer());
        List<PolicyRule> rules = ChartRbac.render(NAMESPACE, Map.of()).rules(NAMESPACE + "/sqo", NAMESPACE);
        SelfSubjectRulesReviewBuilder review = new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false).endStatus();
        for (PolicyRule r : rules) {
            if (r.getNonResourceURLs().isEmpty()) {
                review.editStatus().addToResourceRules(new ResourceRuleBuilder().withApiGroups(r.getApiGroups())
                        .withResources(r.getResources()).withVerbs(r.getVerbs()).withResourceNames(r.getResourceNames()).build()).endStatus();
            } else {
                review.editStatus().addToNonResourceRules(new NonResourceRuleBuilder().withNonResourceURLs(r.getNonResourceURLs())
                        .withVerbs(r.getVerbs()).build()).endStatus();
            }
        }
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, review.build()).always();
    }
}
