package dev.sqo.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqo.api.admission.CrdValidator;
import dev.sqo.api.admission.FieldError;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a ServiceQuality can be used: what the API server's admission refuses, judged from sqo's own CRD (for
 * objects that reached the cluster past an older CRD), and then what only sqo can tell. The CLI asks the same two
 * questions of a file, the first on the YAML as written.
 */
public final class SpecValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecValidator() {
    }

    /** Every problem, each naming its field; admission's first, and sqo's only when admission has none. */
    public static List<FieldError> problems(ServiceQuality resource) {
        ObjectNode json = JSON.valueToTree(resource);
        CrdValidator.Review review = CrdValidator.serviceQualities().review(json);
        return review.accepted() ? semanticProblems(resource.getSpec()) : review.errors();
    }

    /**
     * What admission cannot check, on a spec it accepted: PromQL that Prometheus would refuse, a schedule cron-utils
     * cannot read, a time zone the JVM does not know, times that do not parse, windows that open so often that
     * evaluating them would cost the operator more than any other spec may.
     */
    public static List<FieldError> semanticProblems(ServiceQualitySpec spec) {
        List<FieldError> out = new ArrayList<>();
        for (int i = 0; i < spec.objectives.size(); i++) {
            SliExpressions.check(spec.objectives.get(i), "spec.objectives[" + i + "]", out);
        }
        List<Exclusion> exclusions = spec.exclusions == null ? List.of() : spec.exclusions;
        int readable = out.size();
        for (int i = 0; i < exclusions.size(); i++) {
            try {
                exclusions.get(i).toWindow();
            } catch (DateTimeParseException e) {
                out.add(new FieldError("spec.exclusions[" + i + "]", FieldError.Type.INVALID,
                        "from and to must be RFC 3339 times like 2026-11-20T22:00:00Z"));
            } catch (IllegalArgumentException e) {
                out.add(new FieldError("spec.exclusions[" + i + "]", FieldError.Type.INVALID, e.getMessage()));
            }
        }
        if (out.size() == readable) {
            spec.exclusionSchedule().tooCostly().ifPresent(why -> out.add(new FieldError("spec.exclusions", FieldError.Type.INVALID, why)));
        }
        return out;
    }
}
