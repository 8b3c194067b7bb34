package dev.sqo.optimize;

import java.util.ArrayList;
import java.util.List;

/** The sentences a decision leaves for people, with the refusals (guard rails, holds, cooldowns) kept apart. */
final class Reasons {

    private final List<String> all = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    void note(String reason) {
        all.add(reason);
    }

    void refuse(String reason) {
        all.add(reason);
        refusals.add(reason);
    }

    List<String> all() {
        return List.copyOf(all);
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }
}
