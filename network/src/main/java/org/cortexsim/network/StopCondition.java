package org.cortexsim.network;

import java.util.Objects;

/**
 * Asked by the loop after every step whether to go on or to stop early (an interrupt, a
 * numerical fault), with the reason. Runs on the loop's thread; going on allocates nothing.
 */
@FunctionalInterface
public interface StopCondition {
    /** Never stops a run. */
    StopCondition NEVER = step -> Action.CONTINUE;

    /** What the loop does after step {@code step} (the state holds sample {@code step + 1}). */
    Action check(long step);

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
