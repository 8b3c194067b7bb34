package dev.sqo.promql;

import java.util.List;

/** A query with selectors that read series of other values of the confining label, e.g. another namespace's. */
public class ConfinementException extends Exception {

    private final List<String> selectors;

    ConfinementException(String label, String value, List<String> selectors) {
        super((selectors.size() == 1 ? "selector " : "selectors ") + String.join(", ", selectors) + " may read series whose "
                + label + " is not " + GoQuoting.quote(value) + "; write " + label + "=" + GoQuoting.quote(value)
                + " or leave " + label + " out");
        this.selectors = List.copyOf(selectors);
    }

    /** The offending selectors, as written. */
    public List<String> selectors() {
        return selectors;
    }
}
