package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ArrayOps#add} and {@link ArrayOps#sum} equal the plain loops bit for bit, for every length, offset and shape. */
class ArrayOpsTest {
    @Test
    void addEqualsThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int length = 0; length < 70; length++) {
            for (int dstFrom : new int[] {0, 1, 7, 13}) {
                for (int srcFrom : new int[] {0, 3, 8}) {
                    double[] dst = rng.doubles(dstFrom + length + 5, -1e3, 1e3).toArray();
                    double[] src = rng.doubles(srcFrom + length + 2, -1e3, 1e3).toArray();
                    double[] expected = dst.clone();
                    for (int i = 0; i < length; i++) {
                        expected[dstFrom + i] += src[srcFrom + i];
                    }
                    ArrayOps.add(dst, dstFrom, src, srcFrom, length);
                    assertArrayEquals(expected, dst, 0.0, "length " + length + " offsets " + dstFrom + "," + srcFrom);
                }
            }
        }
    }

    /** {@link ArrayOps#sum} (on the kernels this JVM selected) and its scalar loop both equal the plain sum, bit for bit. */
    @Test
    void sumEqualsThePlainLoopForEveryShape() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int length : new int[] {0, 1, 7, 8, 9, 31, 64, 67}) {
            for (int shape = 0; shape < 32; shape++) {
                boolean start = (shape & 1) != 0;
                boolean hasA = (shape & 2) != 0;
                boolean hasB = (shape & 4) != 0;
                boolean clearA = (shape & 8) != 0;
                boolean clearB = (shape & 16) != 0;
                double[] dst = withSignedZeros(rng, length + 3);
                double[] a = hasA ? withSignedZeros(rng, length + 5) : null;
                double[] b = hasB ? withSignedZeros(rng, length + 1) : null;
                double[] expected = dst.clone();
                double[] expectedA = a == null ? null : a.clone();
                double[] expectedB = b == null ? null : b.clone();
                for (int i = 0; i < length; i++) {
                    double s = start ? 0.0 : expected[2 + i];
                    if (a != null) {
                        s += expectedA[4 + i];
                        expectedA[4 + i] = clearA ? 0.0 : expectedA[4 + i];
                    }
                    if (b != null) {
                        s += expectedB[1 + i];
                        expectedB[1 + i] = clearB ? 0.0 : expectedB[1 + i];
                    }
                    expected[2 + i] = s;
                }
                for (boolean scalar : new boolean[] {false, true}) {
                    double[] d = dst.clone();
                    double[] x = a == null ? null : a.clone();
                    double[] y = b == null ? null : b.clone();
                    if (scalar) {
                        ArrayOps.sumScalar(d, 2, 0, length, start, x, 4, clearA, y, 1, clearB);
                    } else {
                        ArrayOps.sum(d, 2, length, start, x, 4, clearA, y, 1, clearB);
                    }
                    String what = (scalar ? "scalar" : "sum") + ", length " + length + ", shape " + shape;
                    assertBits(expected, d, what);
                    if (a != null) {
                        assertBits(expectedA, x, what + ", a");
                    }
                    if (b != null) {
                        assertBits(expectedB, y, what + ", b");
                    }
                }
            }
        }
    }

    private static double[] withSignedZeros(SplittableRandom rng, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            int kind = rng.nextInt(4);
            values[i] = kind == 0 ? -0.0 : kind == 1 ? 0.0 : rng.nextDouble(-1e3, 1e3);
        }
        return values;
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]), what + ": element " + i);
        }
    }

    @Test
    void rangesAreChecked() {
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayOps.add(new double[4], 2, new double[4], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayOps.add(new double[4], 0, new double[2], 0, 3));
    }
}
