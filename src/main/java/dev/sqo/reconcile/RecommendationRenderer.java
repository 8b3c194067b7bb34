package dev.sqo.reconcile;

import dev.sqo.actuate.Quantities;
import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ContainerResources;
import dev.sqo.api.LoadStatus;
import dev.sqo.api.RecommendationStatus;
import dev.sqo.optimize.ContainerChange;
import dev.sqo.optimize.Forecast;
import dev.sqo.optimize.ObjectiveScaler;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.PlannedAction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The plan as status.recommendation shows it: quantities as users write them, reasons as sentences. */
final class RecommendationRenderer {

    private RecommendationRenderer() {
    }

    static RecommendationStatus render(WorkloadShape workload, OptimizationPlanner.Plan plan, List<String> notes) {
        RecommendationStatus r = new RecommendationStatus();
        r.currentReplicas = workload.replicas();
        r.replicas = plan.replicas();
        r.resources = resources(plan.resources());
        r.load = load(plan.control());
        r.reasons.addAll(plan.reasons());
        r.reasons.addAll(notes);
        return r;
    }

    private static LoadStatus load(ObjectiveScaler.Proposal control) {
        if (control == null || control.capacity() == null) {
            return null;
        }
        LoadStatus s = new LoadStatus();
        s.requestsPerSecond = round(control.load());
        s.capacityPerPod = round(control.operating());
        s.capacityBasis = control.capacity().basis().name();
        s.panic = control.panic();
        Forecast f = control.forecast();
        if (f != null) {
            s.forecast = new LoadStatus.ForecastStatus();
            s.forecast.season = f.season().toDays() == 7 ? "Weekly" : "Daily";
            s.forecast.requestsPerSecond = round(f.load());
            s.forecast.leadSeconds = f.lead().toSeconds();
            s.forecast.recentErrorPercent = round(f.recentError() * 100);
        } else {
            s.forecastNote = control.forecastNote();
        }
        return s;
    }

    /** Two decimals: the status changes when the numbers do, not with every last digit. */
    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }

    static List<ContainerResources> resources(List<ContainerChange> changes) {
        List<ContainerResources> out = new ArrayList<>();
        for (ContainerChange c : changes) {
            ContainerResources r = new ContainerResources();
            r.name = c.container();
            r.cpuRequest = c.cpuRequest() == null ? null : Quantities.cpu(c.cpuRequest());
            r.cpuLimit = c.cpuLimit() == null ? null : Quantities.cpu(c.cpuLimit());
            r.memoryRequest = c.memoryRequest() == null ? null : Quantities.memory(c.memoryRequest());
            r.memoryLimit = c.memoryLimit() == null ? null : Quantities.memory(c.memoryLimit());
            out.add(r);
        }
        return out;
    }

    /** Container resources for an action record: app cpu=250m/500m memory=256Mi, request/limit. */
    static String describe(List<ContainerChange> changes) {
        return changes.stream().map(c -> c.container() + (c.cpuRequest() == null ? "" : " cpu=" + Quantities.cpu(c.cpuRequest())
                        + (c.cpuLimit() == null ? "" : "/" + Quantities.cpu(c.cpuLimit())))
                        + (c.memoryRequest() == null ? "" : " memory=" + Quantities.memory(c.memoryRequest())
                        + (c.memoryLimit() == null ? "" : "/" + Quantities.memory(c.memoryLimit()))))
                .collect(Collectors.joining(", "));
    }

    /** The current resources of the containers an action changes, in the form of {@link #describe}. */
    static String describeCurrent(WorkloadShape workload, PlannedAction action) {
        return describeCurrent(workload, action.resources().stream().map(ContainerChange::container).collect(Collectors.toSet()));
    }

    /** The current resources of the named containers, in the form of {@link #describe}. */
    static String describeCurrent(WorkloadShape workload, Set<String> containers) {
        return describe(workload.containers().stream()
                .filter(c -> containers.contains(c.name()))
                .map(c -> new ContainerChange(c.name(), c.cpuRequest(), c.cpuLimit(), c.memoryRequest(), c.memoryLimit()))
                .toList());
    }

    /** The containers named in a {@link #describe} text: "app cpu=500m, sidecar memory=64Mi" names app and sidecar. */
    static Set<String> containersIn(String described) {
        // Container names are DNS labels: no spaces, no commas.
        return Arrays.stream(described.split(", ")).map(part -> part.split(" ", 2)[0]).collect(Collectors.toSet());
    }
}
