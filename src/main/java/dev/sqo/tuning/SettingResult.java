package dev.sqo.tuning;

/**
 * What happened to one file of one setting on this node.
 *
 * @param target the file, relative to the root (e.g. proc/sys/vm/swappiness)
 * @param before the value found, or null when it could not be read
 * @param after  the value now
 */
public record SettingResult(String key, String target, String before, String after, Outcome outcome, String message) {

    public enum Outcome {
        CHANGED, UNCHANGED, RESTORED, VERIFIED, SKIPPED, FAILED;

        public boolean failed() {
            return this == FAILED;
        }
    }

    /** The line the agent prints: key (file): old -> new, or why not. */
    public String line() {
        String where = key + " (" + target + ")";
        return switch (outcome) {
            case CHANGED -> where + ": " + before + " -> " + after;
            case UNCHANGED -> where + ": " + after + " (unchanged)";
            case RESTORED -> where + ": " + before + " -> " + after + " (restored)";
            case VERIFIED -> where + ": " + after + " (verified)";
            case SKIPPED -> where + ": " + message;
            case FAILED -> where + ": FAILED: " + message;
        };
    }
}
