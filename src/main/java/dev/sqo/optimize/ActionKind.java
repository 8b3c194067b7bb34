package dev.sqo.optimize;

/** What an action changes; the names are what status.actions, events and metrics show. */
public enum ActionKind {
    ScaleOut, ScaleIn, Resize, Pin, RaiseHpaFloor, RestoreHpaFloor;

    /** The kind read back from a status or journal, or null for anything sqo did not write. */
    public static ActionKind of(String name) {
        for (ActionKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** Whether the action changed the replica count itself (not an HPA's floor). */
    public boolean scales() {
        return this == ScaleOut || this == ScaleIn;
    }
}
