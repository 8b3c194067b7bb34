package dev.sqo.api;

/**
 * The five fields of a cron schedule as a pattern the API server can check at admission: in each field a
 * comma-separated list of *, values and ranges within the field's range (names for months and days), each with an
 * optional step. sqo's own parser (cron-utils, Unix flavour) has the last word. Annotation values must be constant
 * expressions, hence the spelled-out concatenations.
 */
final class CronFields {

    private static final String STEP = "(?:/[1-9][0-9]?)?";

    private static final String MINUTE_VALUE = "[0-5]?[0-9]";
    private static final String HOUR_VALUE = "(?:[01]?[0-9]|2[0-3])";
    private static final String DAY_VALUE = "(?:0?[1-9]|[12][0-9]|3[01])";
    private static final String MONTH_VALUE = "(?:0?[1-9]|1[0-2]|(?i:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))";
    private static final String WEEKDAY_VALUE = "(?:[0-7]|(?i:SUN|MON|TUE|WED|THU|FRI|SAT))";

    private static final String MINUTE_ITEM = "(?:[*]|" + MINUTE_VALUE + "(?:-" + MINUTE_VALUE + ")?)" + STEP;
    private static final String HOUR_ITEM = "(?:[*]|" + HOUR_VALUE + "(?:-" + HOUR_VALUE + ")?)" + STEP;
    private static final String DAY_ITEM = "(?:[*]|" + DAY_VALUE + "(?:-" + DAY_VALUE + ")?)" + STEP;
    private static final String MONTH_ITEM = "(?:[*]|" + MONTH_VALUE + "(?:-" + MONTH_VALUE + ")?)" + STEP;
    private static final String WEEKDAY_ITEM = "(?:[*]|" + WEEKDAY_VALUE + "(?:-" + WEEKDAY_VALUE + ")?)" + STEP;

    static final String SCHEDULE = "^" + MINUTE_ITEM + "(?:," + MINUTE_ITEM + ")*"
            + "[ \\t]+" + HOUR_ITEM + "(?:," + HOUR_ITEM + ")*"
            + "[ \\t]+" + DAY_ITEM + "(?:," + DAY_ITEM + ")*"
            + "[ \\t]+" + MONTH_ITEM + "(?:," + MONTH_ITEM + ")*"
            + "[ \\t]+" + WEEKDAY_ITEM + "(?:," + WEEKDAY_ITEM + ")*$";

    private CronFields() {
    }
}
