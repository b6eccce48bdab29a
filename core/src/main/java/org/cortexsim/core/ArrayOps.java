package org.cortexsim.core;

/**
 * Element-wise array additions used on the step loop's hot paths (inputs, synapse kernels),
 * where the two arrays are indexed from different offsets: C2 does not vectorise such loops
 * (it cannot rule out overlap), so they run on the Vector API when {@link Kernels} selects it.
 * Results are bit-identical either way: each element gets one IEEE addition.
 */
public final class ArrayOps {
    private ArrayOps() {
    }

    /** {@code dst[dstFrom + i] += src[srcFrom + i]} for {@code 0 <= i < length}. */
    public static void add(double[] dst, int dstFrom, double[] src, int srcFrom, int length) {
        if (length <= 0) {
            return;
        }
        java.util.Objects.checkFromIndexSize(dstFrom, length, dst.length);
        java.util.Objects.checkFromIndexSize(srcFrom, length, src.length);
        if (Kernels.vector()) {
            VectorArrayOps.add(dst, dstFrom, src, srcFrom, length);
        } else {
            for (int i = 0; i < length; i++) {
                dst[dstFrom + i] += src[srcFrom + i];
            }
        }
    }
}
