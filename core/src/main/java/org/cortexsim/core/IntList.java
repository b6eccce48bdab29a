package org.cortexsim.core;

import java.util.Arrays;

/** A growable list of ints (no boxing). Owns its array, which grows by half when full. */
public final class IntList {
    private int[] values;
    private int size;

    public IntList(int initialCapacity) {
        values = new int[Math.max(4, initialCapacity)];
    }

    public void add(int x) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grownCapacity(values.length));
        }
        values[size++] = x;
    }

    /** The capacity after {@code capacity} is outgrown: about 1.5 times it, at most the largest array size. */
    static int grownCapacity(int capacity) {
        long grown = (long) capacity + (capacity >> 1) + 1;
        if (grown > Integer.MAX_VALUE - 8) {
            if (capacity >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("recording buffer is full (" + capacity + " elements)");
            }
            grown = Integer.MAX_VALUE - 8;
        }
        return (int) grown;
    }

    public int get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Replaces the contents by {@code xs} (a buffer restored from a checkpoint). */
    public void setAll(int[] xs) {
        if (xs.length > values.length) {
            values = Arrays.copyOf(values, xs.length);
        }
        System.arraycopy(xs, 0, values, 0, xs.length);
        size = xs.length;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
