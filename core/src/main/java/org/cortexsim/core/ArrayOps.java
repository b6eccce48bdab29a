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

    /**
     * {@code dst[dstFrom + i] = (start ? 0.0 : dst[dstFrom + i]) + a[aFrom + i] + b[bFrom + i]}
     * for {@code 0 <= i < length}, added left to right, where a null {@code a} or {@code b} is
     * left out; {@code clearA} ({@code clearB}) sets each element of {@code a} ({@code b}) to 0
     * once read. The arrays must be distinct.
     */
    public static void sum(double[] dst, int dstFrom, int length, boolean start,
            double[] a, int aFrom, boolean clearA, double[] b, int bFrom, boolean clearB) {
        if (length <= 0) {
            return;
        }
        java.util.Objects.checkFromIndexSize(dstFrom, length, dst.length);
        if (a != null) {
            java.util.Objects.checkFromIndexSize(aFrom, length, a.length);
        }
        if (b != null) {
            java.util.Objects.checkFromIndexSize(bFrom, length, b.length);
        }
        if (Kernels.vector()) {
            VectorArrayOps.sum(dst, dstFrom, length, start, a, aFrom, clearA, b, bFrom, clearB);
        } else {
            sumScalar(dst, dstFrom, 0, length, start, a, aFrom, clearA, b, bFrom, clearB);
        }
    }

    /** {@link #sum} for the elements {@code first <= i < length}, one at a time; ranges already checked. */
    static void sumScalar(double[] dst, int dstFrom, int first, int length, boolean start,
            double[] a, int aFrom, boolean clearA, double[] b, int bFrom, boolean clearB) {
        for (int i = first; i < length; i++) {
            double s = start ? 0.0 : dst[dstFrom + i];
            if (a != null) {
                s += a[aFrom + i];
                if (clearA) {
                    a[aFrom + i] = 0.0;
                }
            }
            if (b != null) {
                s += b[bFrom + i];
                if (clearB) {
                    b[bFrom + i] = 0.0;
                }
            }
            dst[dstFrom + i] = s;
        }
    }
}
