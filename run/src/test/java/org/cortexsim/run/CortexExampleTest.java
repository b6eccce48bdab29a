package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cortexsim.results.ResultInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented behaviour of examples/cortex.yaml (the built-in default) on a 500 ms run:
 * sustained, irregular activity with FS rates above RS rates, in the README's bands.
 */
class CortexExampleTest {
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
        try (var reader = org.cortexsim.results.SonataReader.open(out)) {
            assertTrue(reader.spikes("exc", 400, 500).count() > 50, "exc still active at the end");
            assertTrue(reader.spikes("inh", 400, 500).count() > 200, "inh still active at the end");
        }
    }
}
