package dev.sqo.optimize;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Recommends a container's request (and limit) for one resource from its usage history. */
public final class ResourceRecommender {

    /**
     * A recommendation for one resource.
     *
     * @param request the request to set, or the current one when there is nothing to do
     * @param limit   the limit to set: kept in proportion to the request when one was set, else null
     * @param act     whether the change is worth making
     */
    public record Recommendation(double request, Double limit, boolean act, String reason) {
    }

    /** A scrape outage of a few hours in a week still leaves a usable history; a workload two days old does not. */
    static final double MINIMUM_COVERAGE = 0.95;

    private ResourceRecommender() {
    }

    /**
     * @param usage          usage samples over the lookback (cores, or bytes of peak working set); nulls are gaps
     * @param currentRequest the request now
     * @param currentLimit   the limit now, or null
     * @param unit           how to round: millicores for CPU, mebibytes for memory
     */
    public static Recommendation recommend(List<Double> usage, double currentRequest, Double currentLimit, ResourcePolicy policy,
                                           Rounding unit) {
        double[] values = usage.stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0 || values.length < usage.size() * MINIMUM_COVERAGE) {
            // Sizing from part of the history could cut a request to what a quiet half-day needed.
            return new Recommendation(currentRequest, currentLimit, false, String.format(Locale.ROOT,
                    "usage history covers %.0f%% of the lookback, less than the %.0f%% needed: no change",
                    usage.isEmpty() ? 0 : 100.0 * values.length / usage.size(), MINIMUM_COVERAGE * 100));
        }
        double target = percentile(values, policy.percentile()) * (1 + policy.margin());
        double bounded = Math.max(policy.min(), Math.min(policy.max(), unit.roundUp(target)));
        double change = currentRequest > 0 ? Math.abs(bounded - currentRequest) / currentRequest : Double.POSITIVE_INFINITY;
        Double limit = currentLimit == null || currentRequest <= 0 ? currentLimit
                : Double.valueOf(unit.roundUp(bounded * currentLimit / currentRequest));
        String why = String.format(Locale.ROOT, "p%.0f of usage %s plus %.0f%% margin is %s",
                policy.percentile(), unit.format(percentile(values, policy.percentile())), policy.margin() * 100, unit.format(bounded))
                + (bounded != unit.roundUp(target) ? " (within bounds)" : "");
        if (change < policy.minimumChange()) {
            return new Recommendation(currentRequest, currentLimit, false, why + String.format(Locale.ROOT,
                    ", %.0f%% from the current %s: below the %.0f%% worth acting on", change * 100, unit.format(currentRequest),
                    policy.minimumChange() * 100));
        }
        return new Recommendation(bounded, limit, true, why);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Rounding of a resource quantity, up to a unit Kubernetes users write. */
    public enum Rounding {
        MILLICORES {
            @Override
            double roundUp(double cores) {
                return Math.ceil(cores * 1000 - 1e-9) / 1000;
            }

            @Override
            String format(double cores) {
                return Math.round(cores * 1000) + "m";
            }
        },
        MEBIBYTES {
            @Override
            double roundUp(double bytes) {
                return Math.ceil(bytes / MIB - 1e-9) * MIB;
            }

            @Override
            String format(double bytes) {
                return Math.round(bytes / MIB) + "Mi";
            }
        };

        private static final double MIB = 1024 * 1024;

        abstract double roundUp(double value);

        abstract String format(double value);
    }
}
