package dev.sqo.reconcile;

import dev.sqo.api.NamespaceConfinement;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualitySpec;
import dev.sqo.api.SpecValidator;
import dev.sqo.api.admission.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is wrong with a ServiceQuality's spec, and the spec as sqo reads it, judged once per generation: the
 * judgement (the CRD's schema and CEL rules, PromQL parsing, confinement to the namespace) reads only the spec, which
 * the API server gives a new generation whenever it changes, so the cycles in between ask again for nothing.
 * Bounded: a deleted resource's entry ages out.
 */
final class SpecProblems {

    private static final int KEPT = 4096;

    private final Optional<NamespaceConfinement> confinement;
    private final Map<String, Judged> judged = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Judged> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * @param problems field errors; when not empty the spec is not to be read
     * @param spec     the spec every query and rule is built from: the resource's own, or its confined copy; null
     *                 when there are problems
     * @param readsOtherNamespaces the problems are selectors that confinement refused
     */
    record Judged(List<String> problems, ServiceQualitySpec spec, boolean readsOtherNamespaces) {
    }

    /** @param confinement how each resource's queries are confined to its namespace; empty when they are not */
    SpecProblems(Optional<NamespaceConfinement> confinement) {
        this.confinement = confinement;
    }

    Judged of(ServiceQuality resource) {
        Judged judgement = judgedOnce(resource);
        // Unconfined, the spec read is the resource's own, not the one judged first in this generation.
        boolean asWritten = confinement.isEmpty() && judgement.problems().isEmpty();
        return asWritten ? new Judged(judgement.problems(), resource.getSpec(), false) : judgement;
    }

    private Judged judgedOnce(ServiceQuality resource) {
        String uid = resource.getMetadata().getUid();
        Long generation = resource.getMetadata().getGeneration();
        if (uid == null || generation == null) {
            return judge(resource); // a file, not a stored object: nothing says when it changes
        }
        String key = uid + "/" + generation;
        synchronized (judged) {
            Judged known = judged.get(key);
            if (known != null) {
                return known;
            }
        }
        Judged fresh = judge(resource);
        synchronized (judged) {
            judged.put(key, fresh);
        }
        return fresh;
    }

    private Judged judge(ServiceQuality resource) {
        List<String> problems = SpecValidator.problems(resource).stream().map(Object::toString).toList();
        if (!problems.isEmpty()) {
            return new Judged(problems, null, false);
        }
        if (confinement.isEmpty()) {
            return new Judged(List.of(), resource.getSpec(), false);
        }
        NamespaceConfinement.Confined confined = confinement.get().confine(resource.getSpec(), resource.getMetadata().getNamespace());
        return new Judged(confined.problems().stream().map(FieldError::toString).toList(), confined.spec(), !confined.problems().isEmpty());
    }
}
