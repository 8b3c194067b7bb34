package dev.sqo.rules;

import dev.sqo.api.RatioSli;
import dev.sqo.promql.PromQL;
import dev.sqo.promql.PromQLSyntaxException;
import dev.sqo.promql.Selectors;

import java.util.Set;

/**
 * A ratio SLI over a window, as one series each: the one translation that sqo's rules and its own queries share.
 *
 * <p>Client libraries create a counter's series on its first increment, so a service that never failed has no
 * {@code code=~"5.."} series: its errors expression returns nothing while total counts requests. When the errors
 * (or good) expression reads only metrics the total reads too ({@link #absentMeansNone}), that absence can only
 * mean none were counted, and it is read as 0 for as long as total has a value: in the rules by PromQL
 * ({@link #counted}), in sqo's own slice queries by their decoder, which spares Prometheus a second reading of
 * total in every slice. When it reads other metrics, absence stays "no data": sqo cannot tell a counter not yet
 * created from a target not scraped.
 */
public final class RatioExpressions {

    private final RatioSli sli;

    public RatioExpressions(RatioSli sli) {
        this.sli = sli;
    }

    /** All events over the window. */
    public String total(String window) {
        return RatioSli.over(total(), window);
    }

    /** All events, as a template over {{window}}: what a user can write into an errors expression. */
    public String total() {
        return OneSeries.ofTemplate(sli.total);
    }

    /** Bad events over the window: the errors, or the total less the good ones. */
    public String bad(String window) {
        return sli.errors != null ? counted(sli.errors, window) : "(" + total(window) + " - " + counted(sli.good, window) + ")";
    }

    /** The errors or good expression over the window, as one series, absent where it is absent. */
    public String part(String expression, String window) {
        return RatioSli.over(OneSeries.ofTemplate(expression), window);
    }

    /** The errors or good expression over the window, 0 instead of absent where that is what absence means. */
    public String counted(String expression, String window) {
        String counted = part(expression, window);
        return absentMeansNone(expression) ? "(" + counted + " or on() 0 * " + total(window) + ")" : counted;
    }

    /** Whether the errors or good expression, absent while total has a value, counted none: it reads only total's metrics. */
    public boolean absentMeansNone(String expression) {
        Set<String> part = metrics(expression);
        return !part.isEmpty() && metrics(sli.total).containsAll(part);
    }

    private static Set<String> metrics(String expression) {
        try {
            return Selectors.metricNames(PromQL.parse(RatioSli.over(expression, "5m")));
        } catch (PromQLSyntaxException e) {
            return Set.of();
        }
    }
}
