package dev.sqo.reconcile;

import dev.sqo.api.NamespaceConfinement;
import dev.sqo.api.ServiceQuality;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stored spec is judged once per generation; a new generation is judged anew, and a file every time. */
class SpecProblemsTest {

    private static ServiceQuality stored(String uid, long generation) {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getMetadata().setUid(uid);
        sq.getMetadata().setGeneration(generation);
        return sq;
    }

    @Test
    void aNewGenerationIsJudgedAnew() {
        SpecProblems problems = new SpecProblems(Optional.empty());
        ServiceQuality sq = stored("a", 1);
        List<String> first = problems.of(sq).problems();
        assertEquals(List.of(), first);
        assertSame(first, problems.of(stored("a", 1)).problems(), "the same generation is not judged again");

        ServiceQuality changed = stored("a", 2);
        changed.getSpec().window = "91d";
        assertTrue(problems.of(changed).problems().get(0).startsWith("spec.window: "), problems.of(changed).problems().toString());
    }

    @Test
    void anObjectThatWasNeverStoredIsJudgedEveryTime() {
        SpecProblems problems = new SpecProblems(Optional.empty());
        ServiceQuality file = Fixtures.serviceQuality("scenario.yaml");
        assertEquals(List.of(), problems.of(file).problems());
        file.getSpec().window = "91d";
        assertTrue(problems.of(file).problems().get(0).startsWith("spec.window: "));
    }

    @Test
    void onlyAQueryOfAnotherNamespaceCountsAsReadingOtherNamespaces() {
        SpecProblems problems = new SpecProblems(Optional.of(new NamespaceConfinement("namespace")));
        ServiceQuality elsewhere = stored("b", 1);
        elsewhere.getSpec().objectives.get(0).ratio.errors = "sum(rate(http_requests_total{namespace=\"other\",code=~\"5..\"}[{{window}}]))";
        assertTrue(problems.of(elsewhere).readsOtherNamespaces(), "its earlier rules may read the other namespace: withdrawn");

        ServiceQuality typo = stored("c", 1);
        typo.getSpec().window = "91d";
        assertFalse(problems.of(typo).readsOtherNamespaces(), "a typo keeps the confined rules published before");
        assertFalse(problems.of(stored("d", 1)).readsOtherNamespaces());
    }
}
