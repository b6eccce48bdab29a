package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ArrayOps#add} equals the plain loop bit for bit, for every length and offset. */
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

    @Test
    void rangesAreChecked() {
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayOps.add(new double[4], 2, new double[4], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayOps.add(new double[4], 0, new double[2], 0, 3));
    }
}
