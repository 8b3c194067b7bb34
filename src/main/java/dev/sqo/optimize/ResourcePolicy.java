package dev.sqo.optimize;

/**
 * How right-sizing treats one resource, in the spirit of the VPA: a percentile of observed usage plus a safety
 * margin, kept within bounds, acted on only when the change is worth a rolling update.
 *
 * @param percentile   of the usage samples, e.g. 90
 * @param margin       safety margin as a fraction, e.g. 0.15
 * @param min          lowest request sqo may set (resource units: cores or bytes)
 * @param max          highest request sqo may set
 * @param minimumChange relative change below which sqo leaves the request alone, e.g. 0.1
 */
public record ResourcePolicy(double percentile, double margin, double min, double max, double minimumChange) {

    public static ResourcePolicy cpuDefaults(double min, double max) {
        return new ResourcePolicy(90, 0.15, min, max, 0.10);
    }

    /** Memory is sized from peaks: a high percentile of per-interval maxima, because running out is fatal. */
    public static ResourcePolicy memoryDefaults(double min, double max) {
        return new ResourcePolicy(95, 0.15, min, max, 0.10);
    }
}
