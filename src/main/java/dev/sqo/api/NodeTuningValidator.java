package dev.sqo.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.api.admission.CrdValidator;
import dev.sqo.api.admission.FieldError;

import java.util.List;

/**
 * Whether a NodeTuningProfile can be applied, judged as admission judges it from sqo's CRD: for profile files given
 * to the agent, and for profiles that reached the cluster past an older CRD.
 */
public final class NodeTuningValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeTuningValidator() {
    }

    public static List<String> problems(NodeTuningProfile profile) {
        return CrdValidator.nodeTuningProfiles().review(JSON.valueToTree(profile)).errors().stream().map(FieldError::toString).toList();
    }
}
