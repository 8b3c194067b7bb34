package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How the generated Prometheus alerts look and when they may fire. */
public class Alerting {

    @Default("critical")
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Value of the 'severity' label on page alerts. Defaults to critical.")
    public String pageSeverity = "critical";

    @Default("warning")
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Value of the 'severity' label on ticket alerts. Defaults to warning.")
    public String ticketSeverity = "warning";

    @Size(max = 2048)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription("Runbook linked from every alert as the runbook_url annotation.")
    public String runbookUrl;

    @Default("10")
    @Min(0)
    @Max(1000000)
    @JsonPropertyDescription("Low-traffic guard: a burn-rate alert fires only when its short window holds at least this many "
            + "events, so a single error among a handful of requests does not page. Defaults to 10.")
    public long minimumEvents = 10;
}
