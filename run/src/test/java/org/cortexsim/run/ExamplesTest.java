package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ResultInfo;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented behaviour of the examples:
 *
 * <ul>
 *   <li>examples/cortex.yaml (the built-in default) on a 500 ms run: sustained, irregular
 *       activity with FS rates above RS rates, in the README's bands;
 *   <li>examples/stdp_network.yaml (README "Plasticity") on a 5 s run: the E->E weights, all
 *       6000 pA at the start, have split into two groups, at least 80% below 10% of w_max and at
 *       least 3% above 90% of it, with at most 5% in the middle (30-70% of w_max); RS fire at
 *       2-10 Hz and FS at 15-60 Hz.
 * </ul>
 */
class ExamplesTest {
    @TempDir
    Path dir;

    @Test
    void ratesAndIrregularityAreInTheDocumentedBands() throws Exception {
        Path out = dir.resolve("cortex.h5");
        TestConfigs.runExample("cortex.yaml", out, "simulation.duration_ms=500");
        ResultInfo info = ResultInfo.read(out);
        ResultInfo.PopulationInfo exc = info.populations().get(0);
        ResultInfo.PopulationInfo inh = info.populations().get(1);
        assertEquals("exc", exc.name());
        assertEquals("inh", inh.name());
        assertTrue(exc.rateHz() > 1 && exc.rateHz() < 8, "RS rate " + exc.rateHz() + " Hz outside [1, 8]");
        assertTrue(inh.rateHz() > 15 && inh.rateHz() < 50, "FS rate " + inh.rateHz() + " Hz outside [15, 50]");
        assertTrue(inh.rateHz() > 3 * exc.rateHz(), "FS fire faster than RS");
        assertTrue(exc.cvIsi() > 0.3 && inh.cvIsi() > 0.3, "irregular: CV " + exc.cvIsi() + ", " + inh.cvIsi());
        // sustained: spikes in the last 100 ms
        try (SonataReader reader = SonataReader.open(out)) {
            assertTrue(reader.spikes("exc", 400, 500).count() > 50, "exc still active at the end");
            assertTrue(reader.spikes("inh", 400, 500).count() > 200, "inh still active at the end");
        }
    }

    @Test
    void weightsBecomeBimodalWithinTheDocumentedBand() throws Exception {
        Path out = dir.resolve("stdp.h5");
        TestConfigs.runExample("stdp_network.yaml", out, "simulation.duration_ms=5000");
        ResultInfo info = ResultInfo.read(out);
        double exc = info.populations().get(0).rateHz();
        double inh = info.populations().get(1).rateHz();
        assertTrue(exc > 2 && exc < 10, "RS rate " + exc + " Hz outside [2, 10]");
        assertTrue(inh > 15 && inh < 60, "FS rate " + inh + " Hz outside [15, 60]");
        double[] w;
        double[] w0;
        try (SonataReader reader = SonataReader.open(out)) {
            w = reader.doubles("/edges/ee/0/syn_weight");
            w0 = reader.doubles("/edges/ee/0/syn_weight_initial");
        }
        assertTrue(Arrays.stream(w0).allMatch(x -> x == 6000));
        double wMax = 12000;
        double low = Arrays.stream(w).filter(x -> x < 0.1 * wMax).count() / (double) w.length;
        double high = Arrays.stream(w).filter(x -> x > 0.9 * wMax).count() / (double) w.length;
        double middle = Arrays.stream(w).filter(x -> x > 0.3 * wMax && x < 0.7 * wMax).count() / (double) w.length;
        String shape = String.format("below 10%%: %.3f, above 90%%: %.3f, 30-70%%: %.3f", low, high, middle);
        assertTrue(low >= 0.8 && high >= 0.03 && middle <= 0.05, shape);
        PlasticityInfo ee = PlasticityInfo.read(out).get(0);
        assertEquals(w.length, ee.synapses());
        assertTrue(ee.finalStats()[PlasticityInfo.SD] > 2000, "spread " + ee.finalStats()[PlasticityInfo.SD]);
    }
}
