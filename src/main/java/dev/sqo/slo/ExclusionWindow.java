package dev.sqo.slo;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A maintenance window: a fixed interval, or a cron schedule with a duration in a time zone. */
public sealed interface ExclusionWindow {

    /** Another window whose every interval ends {@code lag} later. */
    record Lagging(ExclusionWindow window, Duration lag) implements ExclusionWindow {
        @Override
        public String name() {
            return window.name();
        }

        @Override
        public List<Interval> intervalsOverlapping(Instant from, Instant to, Duration bridge, Steps steps) {
            return window.intervalsOverlapping(from.minus(lag), to, bridge, steps).stream()
                    .map(i -> new Interval(i.start(), i.end().plus(lag)).within(from, to))
                    .flatMap(Optional::stream)
                    .toList();
        }
    }

    String name();

    /**
     * The parts of this window inside [from, to), as half-open intervals in time order; a gap shorter than
     * {@code bridge} between two of them is closed. Bridging at the 5-minute slice length leaves every slice mask the
     * same (a slice that overlaps such a gap also overlaps one of its sides) and keeps the intervals to about one per
     * bridge of the range, whatever the schedule.
     *
     * @throws TooManySteps when a recurring window opens or extends more often than {@code steps} allows
     */
    List<Interval> intervalsOverlapping(Instant from, Instant to, Duration bridge, Steps steps);

    /**
     * How many occurrences one computation may step through, over all its windows: bridging bounds the steps by the
     * range, this bounds them by what a spec was allowed to ask for.
     */
    final class Steps {
        private final int limit;
        private int taken;

        Steps(int limit) {
            this.limit = limit;
        }

        void take() {
            if (++taken > limit) {
                throw new TooManySteps(limit);
            }
        }
    }

    final class TooManySteps extends IllegalStateException {
        TooManySteps(int limit) {
            super("the maintenance windows open or extend more than " + limit + " times");
        }
    }

    record Interval(Instant start, Instant end) {
        /** This interval cut to [from, to), or empty when it lies outside. */
        Optional<Interval> within(Instant from, Instant to) {
            Instant s = start.isBefore(from) ? from : start;
            Instant e = end.isAfter(to) ? to : end;
            return s.isBefore(e) ? Optional.of(new Interval(s, e)) : Optional.empty();
        }
    }

    record Absolute(String name, Instant start, Instant end) implements ExclusionWindow {
        public Absolute {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("exclusion " + name + ": to must be after from");
            }
        }

        @Override
        public List<Interval> intervalsOverlapping(Instant from, Instant to, Duration bridge, Steps steps) {
            return new Interval(start, end).within(from, to).stream().toList();
        }
    }

    /**
     * Occurrences of a cron schedule, each open for the duration. Occurrences that start while an earlier one is
     * still open extend it: the run is found by jumping to the last occurrence before its current end, never by
     * walking every occurrence, so that "* * * * *" for 31 days costs a few steps, not 44,640 per evaluation.
     */
    final class Recurring implements ExclusionWindow {
        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        private final String name;
        private final ExecutionTime schedule;
        private final Duration duration;
        private final ZoneId zone;

        /** @throws IllegalArgumentException naming the window when the schedule or zone is not valid */
        public Recurring(String name, String cron, Duration duration, String zone) {
            this.name = name;
            try {
                this.schedule = ExecutionTime.forCron(PARSER.parse(cron));
                this.zone = ZoneId.of(zone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("exclusion " + name + ": " + e.getMessage(), e);
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("exclusion " + name + ": duration must be positive");
            }
            this.duration = duration;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Interval> intervalsOverlapping(Instant from, Instant to, Duration bridge, Steps steps) {
            List<Interval> out = new ArrayList<>();
            // An occurrence that started up to one duration before 'from' still overlaps it.
            Optional<ZonedDateTime> next = after(from.minus(duration).atZone(zone));
            while (next.isPresent() && next.get().toInstant().isBefore(to)) {
                steps.take();
                Instant start = next.get().toInstant();
                ZonedDateTime latest = next.get();
                Instant end = start.plus(duration);
                while (end.isBefore(to)) {
                    // The last occurrence before the run closes (or within a bridge of it) keeps it open longest.
                    Optional<ZonedDateTime> extending = before(end.plus(bridge).atZone(zone));
                    if (extending.isEmpty() || !extending.get().isAfter(latest)) {
                        break;
                    }
                    steps.take();
                    latest = extending.get();
                    end = latest.toInstant().plus(duration);
                }
                new Interval(start, end).within(from, to).ifPresent(out::add);
                if (!end.isBefore(to)) {
                    return out;
                }
                next = after(latest);
            }
            return out;
        }

        /** The first occurrence strictly after t; none rather than one that does not move on. */
        private Optional<ZonedDateTime> after(ZonedDateTime t) {
            return schedule.nextExecution(t).filter(o -> o.isAfter(t));
        }

        /** The last occurrence strictly before t. */
        private Optional<ZonedDateTime> before(ZonedDateTime t) {
            return schedule.lastExecution(t).filter(o -> o.isBefore(t));
        }
    }
}
