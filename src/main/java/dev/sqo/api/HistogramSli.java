package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The fields every histogram-based SLI shares. */
public abstract class HistogramSli {

    @Required
    @Pattern("^[a-zA-Z_:][a-zA-Z0-9_:]*$")
    @JsonPropertyDescription("Base name of a Prometheus histogram in seconds, without the _bucket/_count suffix, "
            + "e.g. http_request_duration_seconds.")
    public String metric;

    @Size(max = 1024)
    @Pattern("^[^{}]*$")
    @JsonPropertyDescription("Label matchers that pick the workload's series, without braces, "
            + "e.g. job=\"checkout\",route!=\"/healthz\".")
    public String selector;

    /** This histogram's series with the given suffix, its selector and one more matcher (or none). */
    public String series(String suffix, String extraMatcher) {
        String sel = selector == null ? "" : selector.trim().replaceAll(",\\s*$", "");
        String matchers = sel.isEmpty() ? extraMatcher : extraMatcher.isEmpty() ? sel : sel + "," + extraMatcher;
        return metric + suffix + "{" + matchers + "}";
    }
}
