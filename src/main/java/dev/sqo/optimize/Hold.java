package dev.sqo.optimize;

/**
 * Actions of one kind for one signal, held because the last one did not improve the signal; or, with
 * {@link #ANY_SIGNAL}, actions of one kind for every signal, held because another writer keeps undoing them.
 */
public record Hold(ActionKind kind, String signal) {

    /** The signal of a hold that covers every signal of its kind. */
    public static final String ANY_SIGNAL = "*";

    public boolean covers(ActionKind kind, String signal) {
        return this.kind == kind && this.signal.equals(signal);
    }

    public boolean anySignal() {
        return ANY_SIGNAL.equals(signal);
    }
}
