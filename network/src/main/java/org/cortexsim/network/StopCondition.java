package org.cortexsim.network;

import java.util.Objects;

/**
 * Asked by the loop whether to go on or to stop early (an interrupt, a numerical fault), with the
 * reason: after every step, or after the steps it names ({@link #nextCheck}). Runs on the loop's
 * thread; going on allocates nothing.
 */
@FunctionalInterface
public interface StopCondition {
    /** Never stops a run, and need never be asked. */
    StopCondition NEVER = new StopCondition() {
        @Override
        public Action check(long step) {
            return Action.CONTINUE;
        }

        @Override
        public long nextCheck(long step) {
            return Long.MAX_VALUE;
        }
    };

    /** What the loop does after step {@code step} (the state holds sample {@code step + 1}). */
    Action check(long step);

    /**
     * The step after which this condition must next be asked, having been asked after step
     * {@code step} (asked with {@code step} one before the first step when a run starts): {@code
     * step + 1} by default, after every step. A loop that takes several steps per hand-off between
     * its threads ({@link Simulation}, windowed stepping) asks after that step at the latest and
     * may skip the steps before it; a condition that can wait (an interrupt, a check every few
     * steps) says so here and saves the loop hand-offs.
     */
    default long nextCheck(long step) {
        return step + 1;
    }

    /** A stop condition's answer: {@link #CONTINUE}, or {@link #stop stop} with a reason. */
    sealed interface Action permits Action.Continue, Action.Stop {
        /** Go on with the next step. */
        Action CONTINUE = Continue.INSTANCE;

        /** End the run after this step because of {@code reason} (for users: what happened, and when). */
        static Action stop(String reason) {
            return new Stop(reason);
        }

        /** Whether the run ends here. */
        boolean stops();

        /** The answer that lets the run go on. */
        enum Continue implements Action {
            INSTANCE;

            @Override
            public boolean stops() {
                return false;
            }
        }

        /** The answer that ends the run, with why; the reason is not blank. */
        record Stop(String reason) implements Action {
            public Stop {
                Objects.requireNonNull(reason, "reason");
                if (reason.isBlank()) {
                    throw new IllegalArgumentException("a stop needs a reason");
                }
            }

            @Override
            public boolean stops() {
                return true;
            }
        }
    }
}
