package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cortexsim.results.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run written in segments (spikes and reports in segment files indexed by the main file, as
 * when recordings exceed {@code record.memory_budget_MB}) plots exactly like the same run written
 * unsegmented: same populations, spikes and traces read, same descriptions, same pixels. Both are
 * written by {@link RunFixture} from one simulated activity.
 */
class SegmentedPlotsTest {
    @TempDir
    static Path dir;

    /** The result written whole and in segments. */
    static RunFixture.Written written;

    @TempDir
    Path out;

    private static final RunFixture RUN = new RunFixture(300, 5,
            List.of(new RunFixture.Pop("exc", "RS", 100, 60, 90), new RunFixture.Pop("inh", "FS", 25, 80, 110)),
            List.of(new RunFixture.Report("exc_vu_v", "exc", "v", all(100)),
                    new RunFixture.Report("exc_vu_u", "exc", "u", all(100)),
                    new RunFixture.Report("inh_v", "inh", "v", all(25))));

    private static long[] all(int size) {
        return java.util.stream.LongStream.range(0, size).toArray();
    }

    @BeforeAll
    static void simulate() throws Exception {
        written = RUN.writeBoth(dir, 4);
        try (ResultSet a = ResultSet.open(written.whole()); ResultSet b = ResultSet.open(written.parts())) {
            assertFalse(a.isSegmented());
            assertTrue(b.isSegmented(), "every stream is in segments");
            assertTrue(b.segments("spikes").size() >= 3, "spike segments: " + b.segments("spikes"));
            assertTrue(b.reportFiles("exc_vu_v").size() >= 3, "v segments: " + b.reportFiles("exc_vu_v"));
            assertTrue(b.reportFiles("inh_v").size() >= 3, "inh v segments: " + b.reportFiles("inh_v"));
            assertFalse(Files.exists(written.parts().resolveSibling("run.exc_vu_v.h5")),
                    "segmented reports have no report file");
            assertTrue(a.spikeCount("exc") > 50 && a.spikeCount("inh") > 20, "the test network must fire");
        }
    }

    @Test
    void populationsSpikesAndTracesReadTheSame() throws Exception {
        ResultData a = ResultData.open(written.whole());
        ResultData b = ResultData.open(written.parts());
        assertEquals(a.populations(), b.populations());
        assertEquals(List.of("exc", "inh"), a.populations().stream().map(ResultData.Population::name).toList());
        PlotOptions all = PlotOptions.defaults();
        assertArrayEquals(a.window(all), b.window(all), 0.0);
        for (ResultData.Population p : a.populations()) {
            for (double[] w : List.of(a.window(all), new double[] {55.3, 211.7})) {
                ResultData.Spikes x = a.spikes(p, w[0], w[1]);
                ResultData.Spikes y = b.spikes(p, w[0], w[1]);
                assertTrue(x.timesMs().length > 10, p.name() + " fires in the window");
                assertArrayEquals(x.timesMs(), y.timesMs(), 0.0);
                assertArrayEquals(x.nodeIds(), y.nodeIds());
            }
        }
        List<Long> neurons = List.of(0L, 3L, 17L, 99L);
        for (double[] w : List.of(a.window(all), new double[] {55.3, 211.7})) {
            List<List<ResultData.Trace>> x = a.traces(List.of("v", "u"), a.populations(), neurons, w[0], w[1]);
            List<List<ResultData.Trace>> y = b.traces(List.of("v", "u"), b.populations(), neurons, w[0], w[1]);
            assertEquals(neurons.size(), x.size());
            assertEquals(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                for (int k = 0; k < 2; k++) {
                    ResultData.Trace tx = x.get(i).get(k);
                    ResultData.Trace ty = y.get(i).get(k);
                    assertEquals(tx.label(), ty.label());
                    assertEquals(tx.variable(), ty.variable());
                    assertEquals(tx.units(), ty.units());
                    assertTrue(tx.values().length > 1000, "rows across several segments: " + tx.values().length);
                    assertArrayEquals(tx.timesMs(), ty.timesMs(), 1e-9);
                    assertArrayEquals(tx.values(), ty.values(), 0.0);
                }
            }
        }
        List<List<ResultData.Trace>> inh = b.traces(List.of("v"), b.select(List.of("inh")), List.of(24L), 0, 300);
        assertArrayEquals(a.traces(List.of("v"), a.select(List.of("inh")), List.of(24L), 0, 300).get(0).get(0).values(),
                inh.get(0).get(0).values(), 0.0);
    }

    @Test
    void everyFigureIsTheSameForBothLayouts() throws Exception {
        List<PlotOptions> options = List.of(PlotOptions.defaults().withSize(800, 600),
                PlotOptions.defaults().withWindow(55.3, 211.7).withNeurons(List.of(2L, 20L)).withSize(800, 600),
                PlotOptions.defaults().withPopulations(List.of("inh")).withSize(800, 600));
        int n = 0;
        for (PlotOptions o : options) {
            for (FigureKind kind : FigureKind.values()) {
                if (kind == FigureKind.VU && o.populations().equals(List.of("inh"))) {
                    continue; // inh is recorded with v only
                }
                if (kind == FigureKind.WEIGHTS) {
                    continue; // no plastic projection here: WeightFigureTest draws weights, segmented too
                }
                Path pa = out.resolve("whole" + n + ".png");
                Path pb = out.resolve("parts" + n + ".png");
                n++;
                Figure fa = Plots.draw(kind, written.whole(), o, pa);
                Figure fb = Plots.draw(kind, written.parts(), o, pb);
                assertEquals(fa.description(), fb.description());
                assertSamePixels(ImageIO.read(pa.toFile()), ImageIO.read(pb.toFile()), fa.description());
            }
        }
        Figure raster = Plots.raster(written.parts(), PlotOptions.defaults(), out.resolve("r.png"));
        long spikes;
        try (ResultSet r = ResultSet.open(written.parts())) {
            spikes = r.spikeCount("exc") + r.spikeCount("inh");
        }
        assertTrue(raster.description().endsWith(", " + spikes + " spikes"), raster.description());
    }

    private static void assertSamePixels(BufferedImage a, BufferedImage b, String what) {
        assertEquals(a.getWidth(), b.getWidth(), what);
        assertEquals(a.getHeight(), b.getHeight(), what);
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    throw new AssertionError(what + ": pixel (" + x + ", " + y + ") differs");
                }
            }
        }
    }
}
