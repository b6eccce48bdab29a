package org.cortexsim.core.state;

/**
 * Where a {@link Checkpointable} reads its state back: the named arrays a {@link StateWriter}
 * wrote, in the same scopes. Every read of a name that is missing, or of another type, throws
 * {@link StateMismatchException} naming it; the {@code ...Into} reads also check the length.
 */
public interface StateReader {
    /** The reader of the names below {@code name}. */
    StateReader scope(String name);

    /** Whether {@code name} was written. */
    boolean has(String name);

    /** The doubles written as {@code name}; not to be modified. */
    double[] doubles(String name);

    /** The ints written as {@code name}; not to be modified. */
    int[] ints(String name);

    /** The longs written as {@code name}; not to be modified. */
    long[] longs(String name);

    /** The strings written as {@code name}; not to be modified. */
    String[] strings(String name);

    /** The full path of {@code name} below this scope, for messages. */
    String path(String name);

    /** Copies the doubles written as {@code name} into {@code target[from, to)}; their count must be {@code to - from}. */
    default void doublesInto(String name, double[] target, int from, int to) {
        double[] values = doubles(name);
        requireLength(name, values.length, to - from);
        System.arraycopy(values, 0, target, from, values.length);
    }

    /** Copies the doubles written as {@code name} into all of {@code target}. */
    default void doublesInto(String name, double[] target) {
        doublesInto(name, target, 0, target.length);
    }

    /** Copies the ints written as {@code name} into all of {@code target}. */
    default void intsInto(String name, int[] target) {
        int[] values = ints(name);
        requireLength(name, values.length, target.length);
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /** The one long written as {@code name} by {@link StateWriter#scalar}. */
    default long scalar(String name) {
        long[] values = longs(name);
        requireLength(name, values.length, 1);
        return values[0];
    }

    /** Throws {@link StateMismatchException} unless {@code name} holds {@code expected} values. */
    default void requireLength(String name, int actual, int expected) {
        if (actual != expected) {
            throw new StateMismatchException(path(name) + " holds " + actual + " values, this network needs "
                    + expected);
        }
    }
}
