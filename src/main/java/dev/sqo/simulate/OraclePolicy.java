package dev.sqo.simulate;

/**
 * The clairvoyant lower bound: at every step the fewest replicas that keep every objective met for that step's
 * traffic, ready at once. Errors of an incident count against no policy here, since no replica count prevents them.
 */
final class OraclePolicy implements ReplicaPolicy {

    private final int max;

    OraclePolicy(int max) {
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

    /** Decides for the traffic of the step about to run, which only an oracle knows. */
    int decideFor(SimulationState state, double offered, double seconds) {
        ServiceModel model = state.scenario.model();
        for (int n = 1; n < max; n++) {
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

    @Override
    public int decide(SimulationState state) {
        return state.replicas.size();
    }
}
