package dev.sqo.actuate;

import dev.sqo.api.SqoApi;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PodPlacementTest {

    @Test
    void theProfileJoinsEveryTermOfTheUsersOwnAffinity() {
        PodTemplateSpec template = new PodTemplateSpecBuilder().withNewSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("a").endMatchExpression().endNodeSelectorTerm()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("b").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        assertNull(PodPlacement.pinnedTo(template));

        PodPlacement.pin(template, "latency");
        var terms = template.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertEquals(2, terms.size(), "zone a or zone b, each only on tuned nodes");
        terms.forEach(t -> assertEquals(SqoApi.TUNING_PROFILE_LABEL, t.getMatchExpressions().get(1).getKey()));
        assertEquals("latency", PodPlacement.pinnedTo(template));

        PodPlacement.pin(template, "batch");
        assertEquals("batch", PodPlacement.pinnedTo(template), "a new profile replaces sqo's earlier one");
        assertEquals(2, terms.get(0).getMatchExpressions().size());
    }
}
