package org.cortexsim.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link ArrayOps}; loaded only when {@link Kernels#vector()} is true.
 * Callers have checked the index ranges.
 */
final class VectorArrayOps {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorArrayOps() {
    }

    static void add(double[] dst, int dstFrom, double[] src, int srcFrom, int length) {
        final int lanes = SPECIES.length();
        final int vectorEnd = length - length % lanes;
        int i = 0;
        for (; i < vectorEnd; i += lanes) {
            // dst += src
            DoubleVector.fromArray(SPECIES, dst, dstFrom + i)
                    .add(DoubleVector.fromArray(SPECIES, src, srcFrom + i))
                    .intoArray(dst, dstFrom + i);
        }
        for (; i < length; i++) {
            dst[dstFrom + i] += src[srcFrom + i];
        }
    }

    /**
     * {@link ArrayOps#sum}. One loop per shape (start or accumulate, one or two terms): a vector
     * chosen by a branch inside the loop would merge two values, which C2 may box.
     */
    static void sum(double[] dst, int dstFrom, int length, boolean start,
            double[] a, int aFrom, boolean clearA, double[] b, int bFrom, boolean clearB) {
        final int lanes = SPECIES.length();
        final int vectorEnd = length - length % lanes;
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        if (a == null && b == null) {
            if (start) {
                java.util.Arrays.fill(dst, dstFrom, dstFrom + length, 0.0);
            }
            return;
        }
        if (a == null) {
            a = b;
            aFrom = bFrom;
            clearA = clearB;
            b = null;
        }
        if (b == null && start) {
            for (; i < vectorEnd; i += lanes) {
                // I = 0 + a
                zero.add(DoubleVector.fromArray(SPECIES, a, aFrom + i)).intoArray(dst, dstFrom + i);
                if (clearA) {
                    zero.intoArray(a, aFrom + i);
                }
            }
        } else if (b == null) {
            for (; i < vectorEnd; i += lanes) {
                // I = I + a
                DoubleVector.fromArray(SPECIES, dst, dstFrom + i).add(DoubleVector.fromArray(SPECIES, a, aFrom + i))
                        .intoArray(dst, dstFrom + i);
                if (clearA) {
                    zero.intoArray(a, aFrom + i);
                }
            }
        } else if (start) {
            for (; i < vectorEnd; i += lanes) {
                // I = 0 + a + b
                zero.add(DoubleVector.fromArray(SPECIES, a, aFrom + i)).add(DoubleVector.fromArray(SPECIES, b, bFrom + i))
                        .intoArray(dst, dstFrom + i);
                if (clearA) {
                    zero.intoArray(a, aFrom + i);
                }
                if (clearB) {
                    zero.intoArray(b, bFrom + i);
                }
            }
        } else {
            for (; i < vectorEnd; i += lanes) {
                // I = I + a + b
                DoubleVector.fromArray(SPECIES, dst, dstFrom + i).add(DoubleVector.fromArray(SPECIES, a, aFrom + i))
                        .add(DoubleVector.fromArray(SPECIES, b, bFrom + i)).intoArray(dst, dstFrom + i);
                if (clearA) {
                    zero.intoArray(a, aFrom + i);
                }
                if (clearB) {
                    zero.intoArray(b, bFrom + i);
                }
            }
        }
        ArrayOps.sumScalar(dst, dstFrom, i, length, start, a, aFrom, clearA, b, bFrom, clearB);
    }
}
