package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;

/**
 * What the objective-driven control reads about the load: the recent request rate over 1-minute windows, the pods
 * ready to serve it, the history to learn capacity and forecast from, and how fast the budget burns now.
 *
 * @param load      requests per second offered, each a 1-minute rate, at most a few minutes back; gaps are absent
 * @param readyPods pods ready now (pods still starting are ordered capacity, counted in the replicas)
 * @param cpu       CPU use now in fractions of the request, NaN without data: the bootstrap of capacity
 * @param startup   how long a new pod takes to become ready
 * @param burnNow   the fastest burn rate among the objectives over the short windows (5 and 30 minutes), null when
 *                  any of them is unknown
 */
public record Demand(NavigableMap<Instant, Double> load, int readyPods, ServiceHistory history, double cpu, Duration startup,
                     Double burnNow) {
}
