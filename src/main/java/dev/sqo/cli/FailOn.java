package dev.sqo.cli;

import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.StatusCondition;

import java.util.function.Predicate;

/** The verdicts of `sqo evaluate --fail-on`, each read from the status exactly as kubectl shows it. */
enum FailOn {
    NotReady("Ready is not True", s -> !is(s, "Ready", "True")),
    NoData("MetricsAvailable is not True", s -> !is(s, "MetricsAvailable", "True")),
    NotMet("ObjectivesMet is False", s -> is(s, "ObjectivesMet", "False")),
    Burning("BudgetBurning is True", s -> is(s, "BudgetBurning", "True")),
    Ticket("the alert is Ticket or Page", s -> "Ticket".equals(s.alert) || "Page".equals(s.alert)),
    Page("the alert is Page", s -> "Page".equals(s.alert)),
    Investigate("Investigate is True", s -> is(s, "Investigate", "True"));

    final String meaning;
    private final Predicate<ServiceQualityStatus> holds;

    FailOn(String meaning, Predicate<ServiceQualityStatus> holds) {
        this.meaning = meaning;
        this.holds = holds;
    }

    boolean holds(ServiceQualityStatus status) {
        return holds.test(status);
    }

    private static boolean is(ServiceQualityStatus status, String type, String value) {
        return status.conditions.stream().anyMatch(c -> c.type.equals(type) && value.equals(c.status));
    }

    /** The condition behind the verdict, for the message: its reason and message, or the alert. */
    String because(ServiceQualityStatus status) {
        String type = switch (this) {
            case NotReady -> "Ready";
            case NoData -> "MetricsAvailable";
            case NotMet -> "ObjectivesMet";
            case Burning -> "BudgetBurning";
            case Investigate -> "Investigate";
            case Ticket, Page -> null;
        };
        if (type == null) {
            return "alert " + status.alert;
        }
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst()
                .map(FailOn::describe).orElse(type + " is not reported");
    }

    private static String describe(StatusCondition c) {
        return c.type + "=" + c.status + " " + c.reason + (c.message == null ? "" : ": " + c.message);
    }
}
