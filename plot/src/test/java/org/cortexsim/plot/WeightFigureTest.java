package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ResultSet;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.Runner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot --kind weights}: a run with a plastic projection and a weight report draws the
 * histograms and the mean weight over time; the same run with its report written in segments
 * gives the same figure, pixel for pixel; a result without plastic projections has nothing to
 * plot, and an unknown projection is named.
 */
class WeightFigureTest {
    @TempDir
    static Path dir;

    static Path whole;
    static Path parts;

    @TempDir
    Path out;

    private static final String YAML = """
            simulation: {dt_ms: 0.1, duration_ms: 300, seed: 6}
            populations:
              - {name: exc, model: RS, size: 100, initial: {v: {type: uniform, low: -65, high: -55}}}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 300,
                 delay_ms: {type: uniform, low: 1, high: 4}, plasticity: {rule: stdp, A_plus: 20, A_minus: 22, w_max: 600}}
            inputs:
              - {type: noise, population: exc, mean_pA: 60, sigma_pA: 700}
            record:
              BUDGET
              weights: [{projection: ee, every_ms: 1}]
            """;

    private static Path run(String name, String budget) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        Path result = sub.resolve("run.h5");
        Runner.run(new ConfigLoader().parse(YAML.replace("BUDGET", budget), name + ".yaml",
                List.of("output.path='" + result + "'")), RunOptions.quiet());
        return result;
    }

    @BeforeAll
    static void simulate() throws Exception {
        whole = run("whole", "");
        parts = run("parts", "memory_budget_MB: 1");
        try (ResultSet b = ResultSet.open(parts)) {
            assertTrue(b.reportFiles("weights_ee").size() >= 2, "weight report segments: " + b.reportFiles("weights_ee"));
        }
    }

    @Test
    void drawsTheSameFigureFromEitherLayout() throws Exception {
        Path pa = out.resolve("a.png");
        Path pb = out.resolve("b.png");
        Figure fa = Plots.draw(FigureKind.WEIGHTS, whole, PlotOptions.defaults(), pa);
        Figure fb = Plots.draw(FigureKind.WEIGHTS, parts, PlotOptions.defaults(), pb);
        PlasticityInfo ee = PlasticityInfo.read(whole).get(0);
        assertTrue(ee.finalStats()[PlasticityInfo.MEAN] != 300.0, "weights changed");
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
        Figure svg = Plots.draw(FigureKind.WEIGHTS, whole, PlotOptions.defaults().withFormat(ImageFormat.SVG),
                out.resolve("a.svg"));
        String text = Files.readString(svg.file());
        assertTrue(text.contains("Mean weight over time") && text.contains("Weights of ee (stdp)"));
    }

    @Test
    void withoutPlasticProjectionsThereIsNothingToPlot() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain")).resolve("run.h5");
        Runner.run(new ConfigLoader().parse("""
                simulation: {dt_ms: 0.1, duration_ms: 10}
                populations: [{name: exc, model: RS, size: 3}]
                """, "plain.yaml", List.of("output.path='" + plain + "'")), RunOptions.quiet());
        PlotException none = assertThrows(PlotException.class,
                () -> Plots.draw(FigureKind.WEIGHTS, plain, PlotOptions.defaults(), out.resolve("x.png")));
        assertTrue(none.getMessage().startsWith("nothing to plot") && none.getMessage().contains("no plastic"),
                none.getMessage());
        PlotException unknown = assertThrows(PlotException.class, () -> Plots.draw(FigureKind.WEIGHTS, whole,
                PlotOptions.defaults().withPopulations(List.of("ie")), out.resolve("y.png")));
        assertTrue(unknown.getMessage().contains("[ee]"), unknown.getMessage());
    }
}
