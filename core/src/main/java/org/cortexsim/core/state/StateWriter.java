package org.cortexsim.core.state;

/**
 * Where a {@link Checkpointable} writes its state: named arrays of doubles, ints, longs and
 * strings, in nested scopes. A name is a path segment without {@code '/'}; a scope's names are
 * prefixed with the scope's path ({@code scope("neurons").doubles("v", ...)} is {@code neurons/v}).
 * The arrays are copied when written, so the caller may change them afterwards.
 */
public interface StateWriter {
    /** The writer of the names below {@code name}. */
    StateWriter scope(String name);

    /** Writes elements {@code [from, to)} of {@code values} as {@code name}. */
    void doubles(String name, double[] values, int from, int to);

    /** Writes elements {@code [from, to)} of {@code values} as {@code name}. */
    void ints(String name, int[] values, int from, int to);

    /** Writes {@code values} as {@code name}. */
    void longs(String name, long[] values);

    /** Writes {@code values} as {@code name}. */
    void strings(String name, String[] values);

    /** Writes all of {@code values} as {@code name}. */
    default void doubles(String name, double[] values) {
        doubles(name, values, 0, values.length);
    }

    /** Writes all of {@code values} as {@code name}. */
    default void ints(String name, int[] values) {
        ints(name, values, 0, values.length);
    }

    /** Writes one long as {@code name}. */
    default void scalar(String name, long value) {
        longs(name, new long[] {value});
    }
}
