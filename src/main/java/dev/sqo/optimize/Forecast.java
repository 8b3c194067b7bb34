package dev.sqo.optimize;

import java.time.Duration;

/**
 * The load expected over the next {@code lead}, from the same hours one season ago, scaled by how today's recent load
 * compares with that season's.
 *
 * @param load        the highest load expected within the lead, requests per second
 * @param season      the season it repeats: a day or a week
 * @param lead        how far ahead: the pods' start-up plus the time to notice
 * @param level       today's recent load over the season's, the growth factor applied
 * @param recentError the mean absolute error of this forecast over the last hours, a fraction of the load
 */
public record Forecast(double load, Duration season, Duration lead, double level, double recentError) {
}
