package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Figures of a small two-population run (written by {@link RunFixture}, in the layout of a run's
 * files, with the recordings of a state entry listing v and u as reports {@code exc_vu_v} and
 * {@code exc_vu_u}): the images have the asked size, hold the populations' colours, the SVG is well-formed with its titles and axis
 * labels, and bad requests are refused with messages that name what is available.
 */
class PlotsTest {
    @TempDir
    static Path dir;

    static Path result;

    @TempDir
    Path out;

    @BeforeAll
    static void simulate() throws Exception {
        result = new RunFixture(300, 3,
                List.of(new RunFixture.Pop("exc", "RS", 40, 60, 90), new RunFixture.Pop("inh", "FS", 10, 80, 110)),
                List.of(new RunFixture.Report("exc_vu_v", "exc", "v", new long[] {0, 1, 2}),
                        new RunFixture.Report("exc_vu_u", "exc", "u", new long[] {0, 1, 2}),
                        new RunFixture.Report("inh_v", "inh", "v", new long[] {4})))
                .writeWhole(dir.resolve("small.h5"));
        try (SonataReader r = SonataReader.open(result)) {
            assertTrue(r.spikeCount("exc") > 20 && r.spikeCount("inh") > 5, "the test network must fire");
        }
    }

    private static int countColour(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void rasterPngHasTheAskedSizeAndBothPopulationsColours() throws Exception {
        Path png = out.resolve("raster.png");
        Figure f = Plots.raster(result, PlotOptions.defaults().withSize(900, 600), png);
        assertEquals(png, f.file());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        assertTrue(distinctColours(img) > 50, "text and lines are antialiased: " + distinctColours(img));
        assertTrue(countColour(img, Charts.colour(0)) > 200, "exc spikes and rate drawn in exc's colour");
        assertTrue(countColour(img, Charts.colour(1)) > 100, "inh spikes and rate drawn in inh's colour");
    }

    @Test
    void rasterOfOnePopulationInAWindowCountsOnlyThoseSpikes() throws Exception {
        Figure f = Plots.raster(result, PlotOptions.defaults().withPopulations(List.of("inh")).withWindow(100, 200),
                out.resolve("inh.png"));
        long expected;
        try (SonataReader r = SonataReader.open(result)) {
            // counted here from all of inh's spike times, not with the reader's window that the plot itself uses
            expected = java.util.Arrays.stream(r.spikes("inh").timestampsMs()).filter(t -> t >= 100 && t < 200).count();
        }
        assertTrue(expected > 10, "inh fires in the window: " + expected);
        assertTrue(f.description().endsWith("[100, 200) ms, " + expected + " spikes"), f.description());
        BufferedImage img = ImageIO.read(out.resolve("inh.png").toFile());
        assertEquals(0, countColour(img, Charts.colour(0)), "exc is not drawn");
        assertTrue(countColour(img, Charts.colour(1)) > 50);
    }

    @Test
    void membranePngDrawsEachChosenNeuronInItsColour() throws Exception {
        Path png = out.resolve("v.png");
        Figure f = Plots.membrane(result, PlotOptions.defaults().withNeurons(List.of(1L, 4L)).withSize(640, 480), png);
        assertEquals("membrane potential v(t) of exc #1, inh #4, [0, 300) ms", f.description());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertTrue(countColour(img, Charts.colour(0)) > 100, "first trace");
        assertTrue(countColour(img, Charts.colour(1)) > 100, "second trace");
        assertEquals(0, countColour(img, Charts.colour(2)), "only two traces");
    }

    @Test
    void phaseSvgIsWellFormedWithTitleAxesInUnitsAndOneCurvePerNeuron() throws Exception {
        Path svg = out.resolve("vu.svg");
        Plots.phase(result, PlotOptions.defaults().withFormat(ImageFormat.SVG).withSize(800, 600), svg);
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals("800", doc.getDocumentElement().getAttribute("width"));
        List<String> texts = texts(doc);
        assertTrue(texts.contains("Membrane voltage against recovery variable"), texts.toString());
        assertTrue(texts.contains("v (mV)"), texts.toString());
        assertTrue(texts.contains("u (pA)"), texts.toString());
        assertTrue(texts.containsAll(List.of("exc #0", "exc #1", "exc #2")), "legend: " + texts);
        String text = Files.readString(svg);
        for (int k = 0; k < 3; k++) {
            Color c = Charts.colour(k);
            assertTrue(text.contains("rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")"), "curve " + k);
        }
    }

    @Test
    void rasterSvgHasBothPanelsLabelledInUnits() throws Exception {
        Path svg = out.resolve("raster.svg");
        Plots.raster(result, PlotOptions.defaults().withFormat(ImageFormat.SVG), svg);
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(svg.toFile());
        List<String> texts = texts(doc);
        assertTrue(texts.containsAll(List.of("Spikes and population firing rates", "time (ms)", "rate (Hz)")), texts.toString());
        assertTrue(doc.getElementsByTagNameNS("*", "rect").getLength() > 50, "one rect per spike at least");
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void unknownPopulationNamesTheAvailableOnesAndWritesNothing() {
        Path png = out.resolve("x.png");
        PlotException e = assertThrows(PlotException.class,
                () -> Plots.raster(result, PlotOptions.defaults().withPopulations(List.of("exc", "l5")), png));
        assertTrue(e.getMessage().contains("unknown population 'l5'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: exc, inh"), e.getMessage());
        assertTrue(!Files.exists(png));
    }

    @Test
    void vAgainstUNeedsBothVariables() {
        PlotException e = assertThrows(PlotException.class, () -> Plots.phase(result,
                PlotOptions.defaults().withPopulations(List.of("inh")), out.resolve("x.png")));
        assertTrue(e.getMessage().startsWith("nothing to plot"), e.getMessage());
        assertTrue(e.getMessage().contains("v and u"), e.getMessage());
    }

    @Test
    void aNeuronThatWasNotRecordedIsNamedWithTheRecordedOnes() {
        PlotException e = assertThrows(PlotException.class, () -> Plots.membrane(result,
                PlotOptions.defaults().withNeurons(List.of(0L, 7L)), out.resolve("x.png")));
        assertTrue(e.getMessage().contains("[7]"), e.getMessage());
        assertTrue(e.getMessage().contains("exc 0,1,2; inh 4"), e.getMessage());
    }

    @Test
    void aWindowAfterTheRunIsEmpty() {
        PlotException e = assertThrows(PlotException.class, () -> Plots.raster(result,
                PlotOptions.defaults().withWindow(500, Double.NaN), out.resolve("x.png")));
        assertTrue(e.getMessage().contains("[500, 300) ms is empty"), e.getMessage());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class,
                () -> Plots.raster(out.resolve("none.h5"), PlotOptions.defaults(), out.resolve("x.png")));
    }

    @Test
    void aMissingReportFileIsNoSuchFileNamingIt() throws IOException {
        Path copy = out.resolve("small.h5");
        Files.copy(result, copy);
        Files.copy(result.resolveSibling("small.exc_vu_v.h5"), out.resolve("small.exc_vu_v.h5"));
        Files.copy(result.resolveSibling("small.exc_vu_u.h5"), out.resolve("small.exc_vu_u.h5"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Plots.membrane(copy, PlotOptions.defaults(), out.resolve("x.png")));
        assertEquals(out.resolve("small.inh_v.h5").toString(), e.getFile());
    }

    @Test
    void aMissingOutputDirectoryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class,
                () -> Plots.raster(result, PlotOptions.defaults(), out.resolve("no/such/dir/x.png")));
    }

    @Test
    void defaultOutputIsBesideTheResult() {
        assertEquals(Path.of("/r/run.raster.png"), Plots.defaultOutput(Path.of("/r/run.h5"), FigureKind.RASTER,
                ImageFormat.PNG));
        assertEquals(Path.of("/r/run.vu.svg"), Plots.defaultOutput(Path.of("/r/run.h5"), FigureKind.VU,
                ImageFormat.SVG));
    }

    @Test
    void optionsRefuseNonsense() {
        PlotOptions d = PlotOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(200, 100));
        assertThrows(IllegalArgumentException.class, () -> d.withBinMs(0));
        assertThrows(IllegalArgumentException.class, () -> d.withSize(10, 10));
    }

    @Test
    void writingTwiceReplacesTheImageAndLeavesNoTemporaryFiles() throws IOException, PlotException {
        Path png = out.resolve("twice.png");
        Plots.raster(result, PlotOptions.defaults().withSize(400, 300), png);
        Plots.raster(result, PlotOptions.defaults().withSize(500, 300), png);
        assertEquals(500, ImageIO.read(png.toFile()).getWidth());
        try (var files = Files.list(out)) {
            assertEquals(List.of(png), files.toList());
        }
    }
}
