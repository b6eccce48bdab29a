package org.cortexsim.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How to run a config: where progress goes (every {@code progressIntervalSeconds} of wall time,
 * on the loop's thread), and a flag that, once set (by a signal handler, say), stops the run at
 * the next step boundary with everything recorded so far written out.
 */
public record RunOptions(Consumer<Progress> progress, double progressIntervalSeconds, AtomicBoolean interrupt) {
    public static RunOptions quiet() {
        return new RunOptions(p -> { }, Double.POSITIVE_INFINITY, new AtomicBoolean());
    }
}
