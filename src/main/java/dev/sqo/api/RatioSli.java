package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.errors) != has(self.good)", message = "set exactly one of errors and good")
@ValidationRule(value = "self.total.contains('{{window}}') && (!has(self.errors) || self.errors.contains('{{window}}'))"
        + " && (!has(self.good) || self.good.contains('{{window}}'))",
        message = "every expression must use the {{window}} placeholder as its range, e.g. rate(x[{{window}}])")
public class RatioSli {

    /** Where an expression's range goes; sqo puts each window it reads there. */
    public static final String WINDOW = "{{window}}";

    /** The expression over a window, as a duration PromQL reads (5m, 1h, 30d). */
    public static String over(String expression, String window) {
        return expression.replace(WINDOW, window);
    }

    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("PromQL counting bad events over {{window}}, e.g. "
            + "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[{{window}}])). "
            + "Use rate() or increase() the same way in both expressions.")
    public String errors;

    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("PromQL counting good events over {{window}}; an alternative to errors.")
    public String good;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("PromQL counting all events over {{window}}, e.g. sum(rate(http_requests_total{job=\"checkout\"}[{{window}}])).")
    public String total;
}
