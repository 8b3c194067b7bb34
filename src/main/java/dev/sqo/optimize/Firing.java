package dev.sqo.optimize;

/**
 * A trigger whose condition holds now.
 *
 * @param signal the concrete signal, e.g. memory:app for a memory rule watching every container
 * @param value  the signal's newest value, the one an action is later validated against; null for the burn state
 * @param detail a sentence a person can read: what the signal did and for how long
 */
public record Firing(TriggerRule rule, String signal, Double value, String detail) {

    public TriggerRule.Action action() {
        return rule.action();
    }
}
