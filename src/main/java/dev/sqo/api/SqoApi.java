package dev.sqo.api;

/** Names that users and other tools see: the API group, version, labels and annotations. */
public final class SqoApi {
    public static final String GROUP = "sqo.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** On a workload: the last action sqo took on it, written with (or before) the change itself. */
    public static final String LAST_ACTION_ANNOTATION = GROUP + "/last-action";
    /** On an HorizontalPodAutoscaler: its minReplicas before sqo raised it, restored when the budget recovers. */
    public static final String ORIGINAL_MIN_REPLICAS_ANNOTATION = GROUP + "/original-min-replicas";
    /** On a node: the NodeTuningProfile sqo assigned to it, which the node agent (or TuneD) applies. */
    public static final String TUNING_PROFILE_LABEL = GROUP + "/tuning-profile";
    /** On a node: what the node agent last applied, as JSON, for the operator to aggregate into the profile's status. */
    public static final String TUNING_STATE_ANNOTATION = GROUP + "/tuning-state";
    /** On a ServiceQuality: set to a new value to clear every hold on ineffective actions. */
    public static final String CLEAR_HOLDS_ANNOTATION = GROUP + "/clear-holds";

    private SqoApi() {
    }
}
