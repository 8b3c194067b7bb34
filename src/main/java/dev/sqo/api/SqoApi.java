package dev.sqo.api;

/** Names that users and other tools see: the API group, version, labels and annotations. */
public final class SqoApi {
    public static final String GROUP = "sqo.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private SqoApi() {
    }
}
