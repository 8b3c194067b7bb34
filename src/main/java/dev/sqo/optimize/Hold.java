package dev.sqo.optimize;

/** Actions of one kind for one signal, held because the last one did not improve the signal. */
public record Hold(ActionKind kind, String signal) {

    public boolean covers(ActionKind kind, String signal) {
        return this.kind == kind && this.signal.equals(signal);
    }
}
