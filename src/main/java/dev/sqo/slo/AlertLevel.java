package dev.sqo.slo;

/** Severity of the multi-window multi-burn-rate alert, least severe first. */
public enum AlertLevel {
    NONE("None"), TICKET("Ticket"), PAGE("Page");

    private final String display;

    AlertLevel(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    public AlertLevel max(AlertLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
