package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schema's rules as the API server applies them to a create, feature by feature, on a CRD of test widgets. */
class StructuralSchemaTest {

    private static final CrdValidator WIDGETS = CrdValidator.load("/admission/widgets.yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CrdValidator.Review review(String spec) throws Exception {
        JsonNode widget = JSON.readTree("{\"apiVersion\": \"test.sqo.dev/v1\", \"kind\": \"Widget\", \"metadata\": {\"name\": \"w\"}, "
                + "\"spec\": " + spec + ", \"status\": {\"phase\": \"Done\"}}");
        return WIDGETS.review(widget);
    }

    private static List<String> errors(String spec) throws Exception {
        return review(spec).errors().stream().map(FieldError::toString).toList();
    }

    @Test
    void lengthsCountCharactersNotBytes() throws Exception {
        assertEquals(List.of(), errors("{\"name\": \"ééééé\"}"));
        assertEquals(List.of("spec.name: Too long: may not be more than 5 bytes",
                "some validation rules were not checked because the object was invalid; correct the existing errors to complete "
                        + "validation"), errors("{\"name\": \"éééééé\"}"));
    }

    @Test
    void aWholeNumberWrittenAsAFloatIsAnInteger() throws Exception {
        assertEquals(List.of(), errors("{\"name\": \"a\", \"count\": 10.0}"));
        assertEquals("spec.count: Invalid value: \"number\": must be of type integer", errors("{\"name\": \"a\", \"count\": 1.5}").get(0));
    }

    @Test
    void nullsArePrunedFromObjectsAndMapsButRefusedInLists() throws Exception {
        CrdValidator.Review pruned = review("{\"name\": \"a\", \"count\": null, \"labels\": {\"x\": null, \"y\": \"z\"}}");
        assertEquals(List.of(), pruned.errors());
        assertEquals(1, pruned.object().at("/spec/count").asInt(), "pruned, then defaulted");
        assertEquals("{\"y\":\"z\"}", pruned.object().at("/spec/labels").toString());
        assertEquals("spec.parts[0]: Invalid value: \"null\": must be of type object", errors("{\"name\": \"a\", \"parts\": [null]}").get(0));
    }

    @Test
    void defaultsReachIntoListItems() throws Exception {
        assertEquals(3, review("{\"name\": \"a\", \"parts\": [{}]}").object().at("/spec/parts/0/size").asInt());
    }

    @Test
    void aNullableNullReachesTheRulesAsCelsNull() throws Exception {
        assertEquals(List.of(), errors("{\"name\": \"a\", \"note\": null}"));
        assertEquals(List.of("spec.note: Invalid value: \"string\": a note is null or says something"), errors("{\"name\": \"a\", \"note\": \"\"}"));
    }

    @Test
    void theStatusOfACreateIsDropped() throws Exception {
        assertEquals(false, review("{\"name\": \"a\"}").object().has("status"));
    }

    @Test
    void aRuleReadsTheNameTheApiServerGeneratesFromGenerateName() throws Exception {
        ObjectNode profile = (ObjectNode) new YAMLMapper().readTree(Path.of("examples/node-tuning.yaml").toFile());
        ((ObjectNode) profile.get("metadata")).remove("name");
        ((ObjectNode) profile.get("metadata")).put("generateName", "latency-");
        assertEquals(List.of(), CrdValidator.nodeTuningProfiles().review(profile).errors(), "the name-length rule reads a name");
    }
}
