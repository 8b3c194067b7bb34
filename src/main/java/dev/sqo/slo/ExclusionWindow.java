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
        public List<Interval> intervalsOverlapping(Instant from, Instant to) {
            return window.intervalsOverlapping(from.minus(lag), to).stream()
                    .map(i -> new Interval(i.start(), i.end().plus(lag)))
                    .filter(i -> i.overlaps(from, to))
                    .toList();
        }
    }

    String name();

    /** The half-open intervals [start, end) of this window that overlap [from, to). */
    List<Interval> intervalsOverlapping(Instant from, Instant to);

    record Interval(Instant start, Instant end) {
        boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    record Absolute(String name, Instant start, Instant end) implements ExclusionWindow {
        public Absolute {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("exclusion " + name + ": to must be after from");
            }
        }

        @Override
        public List<Interval> intervalsOverlapping(Instant from, Instant to) {
            Interval i = new Interval(start, end);
            return i.overlaps(from, to) ? List.of(i) : List.of();
        }
    }

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
        public List<Interval> intervalsOverlapping(Instant from, Instant to) {
            List<Interval> out = new ArrayList<>();
            // An occurrence that started up to one duration before 'from' still overlaps it.
            ZonedDateTime cursor = from.minus(duration).atZone(zone);
            while (true) {
                Optional<ZonedDateTime> next = schedule.nextExecution(cursor);
                if (next.isEmpty() || !next.get().toInstant().isBefore(to)) {
                    return out;
                }
                Instant start = next.get().toInstant();
                Interval i = new Interval(start, start.plus(duration));
                if (i.overlaps(from, to)) {
                    out.add(i);
                }
                cursor = next.get();
            }
        }
    }
}
