package dev.sqo.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneOffset;

/** In tests the operator evaluates as of the end of the generated history, which tests compute numbers for. */
public class FixedClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock endOfHistory() {
        return Clock.fixed(TestPrometheus.END, ZoneOffset.UTC);
    }
}
