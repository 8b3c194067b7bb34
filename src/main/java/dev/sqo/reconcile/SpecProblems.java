package dev.sqo.reconcile;

import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SpecValidator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a ServiceQuality's spec, judged once per generation: the judgement (the CRD's schema and CEL
 * rules, PromQL parsing) reads only the spec, which the API server gives a new generation whenever it changes, so
 * the cycles in between ask again for nothing. Bounded: a deleted resource's entry ages out.
 */
final class SpecProblems {

    private static final int KEPT = 4096;

    private final Map<String, List<String>> judged = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > KEPT;
        }
    };

    List<String> of(ServiceQuality resource) {
        String uid = resource.getMetadata().getUid();
        Long generation = resource.getMetadata().getGeneration();
        if (uid == null || generation == null) {
            return judge(resource); // a file, not a stored object: nothing says when it changes
        }
        String key = uid + "/" + generation;
        synchronized (judged) {
            List<String> known = judged.get(key);
            if (known != null) {
                return known;
            }
        }
        List<String> problems = judge(resource);
        synchronized (judged) {
            judged.put(key, problems);
        }
        return problems;
    }

    private static List<String> judge(ServiceQuality resource) {
        return SpecValidator.problems(resource).stream().map(Object::toString).toList();
    }
}
