package dev.sqo.simulate;

/**
 * The clairvoyant reference: at every step, knowing that step's traffic, the fewest replicas within the bounds that
 * keep every objective met for the step itself, ready at once. Its decision ignores incidents, which no replica
 * count prevents; their errors still count in its results like in everyone's.
 */
final class OraclePolicy implements ReplicaPolicy {

    private final int min;
    private final int max;

    OraclePolicy(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public boolean instantStart() {
        return true;
    }

    @Override
    public int decide(SimulationState state, double upcoming) {
        double seconds = state.scenario.step().toMillis() / 1000.0;
        double offered = upcoming;
        ServiceModel model = state.scenario.model();
        for (int n = min; n < max; n++) {
            ServiceModel.Step step = model.step(offered, n, 0);
            boolean met = true;
            for (int o = 0; o < state.slis.size() && met; o++) {
                double[] events = state.slis.get(o).events(step, seconds);
                met = events[1] == 0 || events[0] / events[1] <= 1 - state.objectives.get(o).target / 100;
            }
            if (met) {
                return n;
            }
        }
        return max;
    }
}
