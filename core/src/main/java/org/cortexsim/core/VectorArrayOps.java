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
}
