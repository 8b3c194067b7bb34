package dev.sqo.promql;

/** The type of an expression's value; {@link #toString()} is the name Prometheus' documentation and messages use. */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    STRING("string", "string"),
    INSTANT_VECTOR("instant vector", "vector"),
    RANGE_VECTOR("range vector", "matrix");

    private final String documentedName;
    private final String internalName;

    ValueType(String documentedName, String internalName) {
        this.documentedName = documentedName;
        this.internalName = internalName;
    }

    /** The name in Prometheus' code, which one of its messages (subqueries) prints instead of the documented one. */
    String internalName() {
        return internalName;
    }

    @Override
    public String toString() {
        return documentedName;
    }
}
