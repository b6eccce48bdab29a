package org.cortexsim.core;

import java.util.Arrays;

/** A growable list of doubles (no boxing). Owns its array, which grows by half when full. */
public final class DoubleList {
    private double[] values;
    private int size;

    public DoubleList(int initialCapacity) {
        values = new double[Math.max(4, initialCapacity)];
    }

    public void add(double x) {
        if (size == values.length) {
            values = Arrays.copyOf(values, IntList.grownCapacity(values.length));
        }
        values[size++] = x;
    }

    public double get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Replaces the contents by {@code xs} (a buffer restored from a checkpoint). */
    public void setAll(double[] xs) {
        if (xs.length > values.length) {
            values = Arrays.copyOf(values, xs.length);
        }
        System.arraycopy(xs, 0, values, 0, xs.length);
        size = xs.length;
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
