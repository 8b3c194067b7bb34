package dev.sqo.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sqo.api.Objective;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Names and identity labels of the series sqo's rules record; the evaluation reads the same ones back. */
public final class SloSeries {

    public static final String EVENTS = "slo:sli_events:rate";
    public static final String BAD_EVENTS = "slo:sli_bad_events:rate";
    public static final String ERROR_RATIO = "slo:sli_error:ratio_rate";

    private SloSeries() {
    }

    /**
     * The labels that identify one objective's series: namespace, sqo_service, sqo_objective, and sqo_sli, a
     * fingerprint of the SLI's definition. When the SLI changes, its recordings start anew under a new fingerprint,
     * so old recordings of another definition are never read as this one.
     */
    public static Map<String, String> identity(String namespace, String service, Objective objective) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", namespace);
        labels.put("sqo_service", service);
        labels.put("sqo_objective", objective.name);
        labels.put("sqo_sli", fingerprint(objective));
        return labels;
    }

    /** Ten hex digits of a SHA-256 over the SLI's fields (not the target, which recordings do not depend on). */
    static String fingerprint(Objective o) {
        Object sli = o.ratio != null ? o.ratio : o.latency != null ? o.latency : o.latencyPercentile != null ? o.latencyPercentile : o.apdex;
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(Map.of("kind", sli.getClass().getSimpleName(), "sli", sli));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 10);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint objective " + o.name, e);
        }
    }

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The identity as a PromQL selector: {namespace="...",sqo_service="...",sqo_objective="..."}. */
    public static String selector(Map<String, String> identity) {
        return identity.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
