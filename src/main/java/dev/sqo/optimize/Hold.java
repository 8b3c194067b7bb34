package dev.sqo.optimize;

import java.time.Instant;

/** Actions of one kind for one signal, held because the last one did not improve the signal. */
public record Hold(String kind, String signal, Instant since) {

    public boolean covers(String kind, String signal) {
        return this.kind.equals(kind) && this.signal.equals(signal);
    }
}
