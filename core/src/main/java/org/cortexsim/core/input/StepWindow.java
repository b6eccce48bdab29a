package org.cortexsim.core.input;

/**
 * The steps an input is active on: {@code start <= n < stop}. Invariant: {@code 0 <= start <= stop}.
 */
public record StepWindow(long start, long stop) {
    public StepWindow {
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("input steps must satisfy 0 <= start <= stop, got [" + start + ", "
                    + stop + ")");
        }
    }

    /** Whether step {@code n} is in the window. */
    public boolean contains(long n) {
        return n >= start && n < stop;
    }
}
