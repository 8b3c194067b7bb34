package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the replica recommendation rests on when sqo's objective control decides: load, capacity and forecast. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadStatus {

    @JsonPropertyDescription("Requests per second the recommendation provides for: the larger of the load now (a 1-minute "
            + "rate held for a minute, or projected along a ramp or a surge) and the forecast.")
    public Double requestsPerSecond;

    @JsonPropertyDescription("Requests per second one ready pod is planned to serve: the learned capacity, beyond it while "
            + "the error budget has headroom, under it while load makes the budget burn.")
    public Double capacityPerPod;

    @JsonPropertyDescription("Where the capacity comes from: Learned (the workload's history of load, latency and CPU) or "
            + "Bootstrap (no history yet: the load that would put CPU at 70% of its request).")
    public String capacityBasis;

    @JsonPropertyDescription("True while the load needs twice the ready pods' capacity: scale-out skips the rate limits and "
            + "nothing scales in until it has been calm for two minutes.")
    public Boolean panic;

    @JsonPropertyDescription("The seasonal forecast behind the recommendation, when one is trusted.")
    public ForecastStatus forecast;

    @JsonPropertyDescription("Why there is no forecast: too little history, or its recent error too large.")
    public String forecastNote;

    /** A trusted seasonal forecast. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ForecastStatus {

        @JsonPropertyDescription("The season the load repeats: Daily or Weekly.")
        public String season;

        @JsonPropertyDescription("The highest load expected within the lead, requests per second.")
        public Double requestsPerSecond;

        @JsonPropertyDescription("How far ahead it looks: the pods' start-up plus the time to notice a rise, in seconds.")
        public Long leadSeconds;

        @JsonPropertyDescription("Mean absolute error of this forecast over the last three hours, in percent of the load.")
        public Double recentErrorPercent;
    }
}
