package org.cortexsim.network;

/**
 * Asked by the loop after every step whether to stop early (an interrupt, a numerical fault);
 * returns the reason, or null to go on. Runs on the loop's thread.
 */
@FunctionalInterface
public interface StopCondition {
    StopCondition NEVER = step -> null;

    /** Null to continue after step {@code step}, else why the run stops. */
    String check(long step);
}
