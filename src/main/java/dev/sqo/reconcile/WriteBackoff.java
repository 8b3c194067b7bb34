package dev.sqo.reconcile;

import dev.sqo.api.ActionRecord;
import dev.sqo.optimize.ActionKind;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * How soon a write the API server refused is tried again: the delay doubles with every consecutive failure of the
 * same kind of action, so a broken webhook or a missing permission is not hammered every reconcile.
 */
final class WriteBackoff {

    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration LONGEST = Duration.ofMinutes(10);

    private WriteBackoff() {
    }

    /** When the action may be tried again, or empty when its last attempt did not fail. */
    static Optional<Instant> retryAt(List<ActionRecord> actions, ActionKind kind) {
        int failures = 0;
        Instant last = null;
        for (int i = actions.size() - 1; i >= 0; i--) {
            ActionRecord a = actions.get(i);
            if (!kind.name().equals(a.kind)) {
                continue;
            }
            if (!"Failed".equals(a.result)) {
                break;
            }
            if (last == null) {
                try {
                    last = Instant.parse(a.time);
                } catch (DateTimeParseException | NullPointerException e) {
                    return Optional.empty(); // not a record sqo wrote: nothing to pace by
                }
            }
            failures++;
        }
        if (failures == 0) {
            return Optional.empty();
        }
        Duration delay = FIRST.multipliedBy(1L << Math.min(failures - 1, 10));
        return Optional.of(last.plus(delay.compareTo(LONGEST) > 0 ? LONGEST : delay));
    }

    /** The latest attempt of this kind when it failed, else null. */
    static ActionRecord lastFailure(List<ActionRecord> actions, ActionKind kind) {
        for (int i = actions.size() - 1; i >= 0; i--) {
            if (kind.name().equals(actions.get(i).kind)) {
                return "Failed".equals(actions.get(i).result) ? actions.get(i) : null;
            }
        }
        return null;
    }
}
