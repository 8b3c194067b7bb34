package dev.sqo.simulate;

/** The replicas the scenario starts with, whatever happens: what a team without autoscaling runs. */
final class StaticPolicy implements ReplicaPolicy {

    @Override
    public String name() {
        return "static";
    }

    @Override
    public int decide(SimulationState state, double upcoming) {
        return state.replicas.size();
    }
}
