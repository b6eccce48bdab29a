package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The numbers behind the pictures: binned rates and the thinning of long traces. */
class ChartsTest {
    @Test
    void rateIsSpikesPerNeuronPerSecondInEachBin() {
        double[] t = {0.0, 1.0, 4.9, 5.0, 12.0, 20.0};
        double[] hz = Charts.rateHz(t, 10, 0, 20, 5);
        assertArrayEquals(new double[] {60, 20, 20, 0}, hz, 1e-9);
    }

    @Test
    void aShorterLastBinIsDividedByItsOwnWidth() {
        double[] hz = Charts.rateHz(new double[] {10.5, 11.0}, 1, 5, 12, 5);
        assertArrayEquals(new double[] {0, 1000}, hz, 1e-9);
    }

    @Test
    void spikesOutsideTheWindowAreNotCounted() {
        double[] hz = Charts.rateHz(new double[] {-1, 10, 10.5}, 2, 0, 10, 10);
        assertArrayEquals(new double[] {0}, hz, 1e-9);
    }

    @Test
    void thinningKeepsEachBucketsExtremesSoSpikesSurvive() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.1;
            y[i] = -65 + Math.sin(i * 0.01);
        }
        y[4321] = 30;
        y[777] = -80;
        double[][] thin = Charts.thin(x, y, 100);
        assertEquals(200, thin[0].length);
        assertEquals(30, Arrays.stream(thin[1]).max().orElseThrow());
        assertEquals(-80, Arrays.stream(thin[1]).min().orElseThrow());
        for (int i = 1; i < thin[0].length; i++) {
            assertEquals(true, thin[0][i] > thin[0][i - 1], "time order at " + i);
        }
        int at = Arrays.asList(Arrays.stream(thin[1]).boxed().toArray(Double[]::new)).indexOf(30.0);
        assertEquals(432.1, thin[0][at], 1e-9);
    }

    @Test
    void shortSeriesAreKeptWhole() {
        double[] x = {0, 1, 2};
        double[] y = {5, 6, 7};
        double[][] thin = Charts.thin(x, y, 100);
        assertArrayEquals(x, thin[0]);
        assertArrayEquals(y, thin[1]);
    }

    @Test
    void coloursRepeatAfterThePalette() {
        assertSame(Charts.colour(0), Charts.colour(Charts.PALETTE.length));
    }
}
