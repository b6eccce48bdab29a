package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot --kind weights}: a result with a plastic projection and a weight report draws the
 * histograms and the mean weight over time; the same result with its report written in segments
 * gives the same figure, pixel for pixel; a result without plastic projections has nothing to
 * plot, and an unknown projection is named. The results are written without the engine, through
 * results' writer ({@link RunFixture}), with weights that drift within their bounds.
 */
class WeightFigureTest {
    @TempDir
    static Path dir;

    /** The result written whole and in segments. */
    static RunFixture.Written written;

    @TempDir
    Path out;

    private static final double W0 = 300;
    private static final double W_MAX = 600;

    /** 100 RS neurons and 200 synapses of projection ee whose weights random-walk from 300 pA within [0, 600] pA. */
    private static RunFixture fixture() {
        RunFixture run = new RunFixture(300, 6, List.of(new RunFixture.Pop("exc", "RS", 100, 40, 200)), List.of());
        int steps = 3000;
        int synapses = 200;
        SplittableRandom random = new SplittableRandom(11);
        double[][] rows = new double[steps][synapses];
        java.util.Arrays.fill(rows[0], W0);
        for (int n = 1; n < steps; n++) {
            for (int k = 0; k < synapses; k++) {
                double step = random.nextDouble() < 0.02 ? (k % 3 == 0 ? 12 : -4) * random.nextDouble() : 0;
                rows[n][k] = Math.min(W_MAX, Math.max(0, rows[n - 1][k] + step));
            }
        }
        return run.withWeights(new RunFixture.Weights("weights_ee", "ee", "stdp", 0, W_MAX, rows));
    }

    @BeforeAll
    static void write() throws Exception {
        written = fixture().writeBoth(dir, 4);
        try (ResultSet b = ResultSet.open(written.parts())) {
            assertTrue(b.reportFiles("weights_ee").size() >= 2, "weight report segments: " + b.reportFiles("weights_ee"));
        }
    }

    @Test
    void drawsTheSameFigureFromEitherLayout() throws Exception {
        Path pa = out.resolve("a.png");
        Path pb = out.resolve("b.png");
        Figure fa = Plots.draw(FigureKind.WEIGHTS, written.whole(), PlotOptions.defaults(), pa);
        Figure fb = Plots.draw(FigureKind.WEIGHTS, written.parts(), PlotOptions.defaults(), pb);
        PlasticityInfo ee = PlasticityInfo.read(written.whole()).get(0);
        assertTrue(ee.finalStats()[PlasticityInfo.MEAN] != W0, "weights changed");
        String means = String.format(Locale.ROOT, "mean %.4g -> %.4g pA", ee.initialStats()[PlasticityInfo.MEAN],
                ee.finalStats()[PlasticityInfo.MEAN]);
        assertTrue(fa.description().contains("ee (stdp): " + means), fa.description());
        assertEquals(fa.description(), fb.description());
        BufferedImage a = ImageIO.read(pa.toFile());
        BufferedImage b = ImageIO.read(pb.toFile());
        assertEquals(1000, a.getWidth());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") differs");
                }
            }
        }
        Figure svg = Plots.draw(FigureKind.WEIGHTS, written.whole(), PlotOptions.defaults().withFormat(ImageFormat.SVG),
                out.resolve("a.svg"));
        String text = Files.readString(svg.file());
        assertTrue(text.contains("Mean weight over time") && text.contains("Weights of ee (stdp)"));
    }

    @Test
    void withoutPlasticProjectionsThereIsNothingToPlot() throws Exception {
        Path plain = new RunFixture(10, 1, List.of(new RunFixture.Pop("exc", "RS", 3, 40, 200)), List.of())
                .writeWhole(Files.createDirectories(dir.resolve("plain")).resolve("run.h5"));
        PlotException none = assertThrows(PlotException.class,
                () -> Plots.draw(FigureKind.WEIGHTS, plain, PlotOptions.defaults(), out.resolve("x.png")));
        assertTrue(none.getMessage().startsWith("nothing to plot") && none.getMessage().contains("no plastic"),
                none.getMessage());
        PlotException unknown = assertThrows(PlotException.class, () -> Plots.draw(FigureKind.WEIGHTS, written.whole(),
                PlotOptions.defaults().withPopulations(List.of("ie")), out.resolve("y.png")));
        assertTrue(unknown.getMessage().contains("[ee]"), unknown.getMessage());
    }
}
