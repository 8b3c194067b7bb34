package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sqo.slo.ExclusionWindow;
import dev.sqo.slo.PromDuration;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.time.Instant;

@ValidationRule(value = "(has(self.from) && has(self.to) && !has(self.schedule) && !has(self.duration))"
        + " || (has(self.schedule) && has(self.duration) && !has(self.from) && !has(self.to))",
        message = "an exclusion is either absolute (from and to) or recurring (schedule and duration), not both")
@ValidationRule(value = "!has(self.from) || !has(self.to) || !self.from.matches('" + Exclusion.RFC3339 + "')"
        + " || !self.to.matches('" + Exclusion.RFC3339 + "') || timestamp(self.to) > timestamp(self.from)",
        message = "to must be after from")
public class Exclusion {

    /**
     * An RFC 3339 time that exists, from 1900 to 2199: the API server runs the rule above even when a pattern fails,
     * and timestamp() on 2026-02-30 would end it with an error instead of a message. Written for both RE2 (the API
     * server) and CEL string literals: no backslashes.
     */
    static final String RFC3339 = "^(?:(?:19|20|21)[0-9]{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
            + "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
            + "|(?:(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)-02-29)"
            + "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:[.][0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

    static final String DURATION_PATTERN = "^[0-9]{1,4}(m|h|d)$";
    /**
     * From 1 minute to 31 days (44,640 minutes): every evaluation looks back one duration for occurrences still open,
     * and a maintenance longer than a month is an absolute window. Guarded by the pattern: the API server runs the rule
     * even when the pattern fails, and int() would error.
     */
    static final String DURATION_RULE = "!self.matches('" + DURATION_PATTERN + "') || [int(self.substring(0, size(self) - 1)) * "
            + "(self.endsWith('m') ? 1 : self.endsWith('h') ? 60 : 1440)].all(minutes, minutes >= 1 && minutes <= 44640)";

    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @JsonPropertyDescription("Name of the maintenance window, shown in status messages.")
    public String name;

    @Size(max = 35)
    @Pattern(RFC3339)
    @JsonPropertyDescription("Start of an absolute window, RFC 3339, e.g. 2026-11-20T22:00:00Z.")
    public String from;

    @Size(max = 35)
    @Pattern(RFC3339)
    @JsonPropertyDescription("End of an absolute window, RFC 3339; must be after from.")
    public String to;

    @Size(max = 128)
    @Pattern(CronFields.SCHEDULE)
    @JsonPropertyDescription("Start of a recurring window as a five-field cron schedule, e.g. '0 2 * * SUN' (Sundays 02:00).")
    public String schedule;

    @Size(max = 5)
    @Pattern(DURATION_PATTERN)
    @ValidationRule(value = DURATION_RULE, message = "duration must be between 1m and 31d; a longer maintenance is an absolute window (from and to)")
    @JsonPropertyDescription("Length of each recurring window, e.g. 2h, from 1m to 31d.")
    public String duration;

    @Default("UTC")
    @Size(max = 64)
    @Pattern("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")
    @JsonPropertyDescription("IANA time zone of the schedule, e.g. Europe/Berlin. Defaults to UTC.")
    public String timeZone = "UTC";

    /**
     * The window this exclusion describes; evaluation and validation both read exclusions through here.
     *
     * @throws IllegalArgumentException or {@link java.time.format.DateTimeParseException} for values that do not parse
     */
    public ExclusionWindow toWindow() {
        if (schedule != null) {
            return new ExclusionWindow.Recurring(name, schedule, PromDuration.parse(duration), timeZone == null ? "UTC" : timeZone);
        }
        return new ExclusionWindow.Absolute(name, Instant.parse(from), Instant.parse(to));
    }
}
