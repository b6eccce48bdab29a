package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cortexsim plot} and {@code cortexsim completion}: what is written, what is printed, exit codes. */
class PlotCommandTest {
    @TempDir
    static Path runDir;

    static Path result;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulate() {
        result = runDir.resolve("net.h5");
        CliTest.Outcome o = CliTest.run("run", "-o", result.toString(), "--duration", "200", "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void allKindsWritesTheFiguresTheFileHasDataForAndSaysWhatItSkipped() throws Exception {
        Path out = dir.resolve("fig.png");
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "-o", out.toString(), "--width", "800",
                "--height", "500");
        assertEquals(0, o.code(), o.err());
        Path raster = dir.resolve("fig.raster.png");
        Path v = dir.resolve("fig.v.png");
        assertTrue(o.out().contains("wrote " + raster), o.out());
        assertTrue(o.out().contains("wrote " + v), o.out());
        assertTrue(o.out().contains("skipped vu: nothing to plot"), o.out());
        assertFalse(Files.exists(dir.resolve("fig.vu.png")));
        BufferedImage img = ImageIO.read(raster.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        assertEquals(800, ImageIO.read(v.toFile()).getWidth());
    }

    @Test
    void oneKindGoesToTheGivenFileAndSvgIsChosenByFlagOrName() throws Exception {
        Path png = dir.resolve("r.png");
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "--kind", "raster", "--populations", "inh",
                "--from", "50", "--to", "150", "-o", png.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("of inh, [50, 150) ms"), o.out());
        assertTrue(ImageIO.read(png.toFile()) != null);
        Path svg = dir.resolve("v.svg");
        o = CliTest.run("plot", result.toString(), "-k", "v", "--neurons", "0,3", "-o", svg.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(svg).contains("<svg"), "SVG by the name's extension");
        o = CliTest.run("plot", result.toString(), "-k", "v", "--svg", "-o", dir.resolve("v2").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(dir.resolve("v2.svg")).contains("<svg"), "SVG by --svg, extension added");
    }

    /**
     * Issue 15: {@code plot spikes.h5 -o raster.png} on a file with spikes only wrote
     * {@code raster.raster.png}; with one kind of figure to draw, {@code -o} is the file written.
     */
    @Test
    void withOneKindOfFigureToDrawTheOutputIsTheFileWritten() throws Exception {
        Path config = dir.resolve("spikes-only.yaml");
        Files.writeString(config, """
                simulation: {dt_ms: 0.1, duration_ms: 100, seed: 3}
                populations: [{name: exc, model: RS, size: 20}]
                inputs: [{type: dc, population: exc, amplitude_pA: 90}]
                record: {spikes: true}
                """);
        Path spikes = dir.resolve("spikes-only.h5");
        CliTest.Outcome o = CliTest.run("run", config.toString(), "-o", spikes.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        Path png = dir.resolve("raster.png");
        o = CliTest.run("plot", spikes.toString(), "-o", png.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("wrote " + png + " ("), o.out());
        assertTrue(ImageIO.read(png.toFile()) != null, "a PNG at the path given");
        assertFalse(Files.exists(dir.resolve("raster.raster.png")), "no kind inserted into the name given");
        Path svg = dir.resolve("only");
        o = CliTest.run("plot", spikes.toString(), "--svg", "-o", svg.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(dir.resolve("only.svg")).contains("<svg"), "extension added, as for one --kind");
    }

    @Test
    void withoutOutputTheFiguresGoBesideTheFile() {
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "-k", "raster");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(runDir.resolve("net.raster.png")));
    }

    @Test
    void aMissingFileExitsWith2NamingIt() {
        Path missing = dir.resolve("nope.h5");
        CliTest.Outcome o = CliTest.run("plot", missing.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(missing.toString()), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    /**
     * A result file cut short (a copy interrupted), a file that is not HDF5 at all and a directory
     * are bad input to {@code info} and {@code plot}: exit 2, naming the file and what is wrong with
     * it, never an internal error, and no image written. Cut at several lengths, so that jHDF fails
     * on the root attributes and on the groups beneath.
     */
    @Test
    void aTruncatedOrForeignResultFileOrADirectoryExitsWith2SayingWhatItIs() throws Exception {
        try (var reports = Files.list(runDir)) {
            for (Path r : reports.filter(f -> f.getFileName().toString().matches("net\\.[a-z_]+_v\\.h5")).toList()) {
                Files.copy(r, dir.resolve(r.getFileName()));
            }
        }
        byte[] whole = Files.readAllBytes(result);
        assertTrue(whole.length > 8000, "a main file larger than the cuts: " + whole.length);
        for (int length : new int[] {3000, 8000, whole.length / 2}) {
            Path cut = dir.resolve("cut-" + length + ".h5");
            Files.write(cut, java.util.Arrays.copyOf(whole, length));
            for (String command : new String[] {"info", "plot"}) {
                CliTest.Outcome o = command.equals("plot") ? CliTest.run(command, cut.toString(), "-k", "raster")
                        : CliTest.run(command, cut.toString());
                assertEquals(2, o.code(), command + " " + length + ": " + o.err());
                assertTrue(o.err().startsWith("cortexsim: " + cut + ": the HDF5 file is damaged or truncated"), o.err());
                assertTrue(o.err().contains("give the main .h5 file that cortexsim run wrote"), o.err());
                assertFalse(o.err().contains("internal error"), o.err());
            }
        }
        Path yaml = Files.writeString(dir.resolve("net.yaml"), "simulation: {dt_ms: 0.1}\n");
        for (String command : new String[] {"info", "plot"}) {
            CliTest.Outcome o = CliTest.run(command, yaml.toString());
            assertEquals(2, o.code(), command + ": " + o.err());
            assertTrue(o.err().startsWith("cortexsim: " + yaml + ": not an HDF5 file"), o.err());
            o = CliTest.run(command, runDir.toString());
            assertEquals(2, o.code(), command + ": " + o.err());
            assertTrue(o.err().contains(runDir + ": is a directory, not an HDF5 file"), o.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".png")).count(), "no image written");
        }
    }

    /**
     * {@code -o} in a directory that cannot be written (here /proc/self, where no file can be made)
     * exits 2 naming the directory and the cause, not a temporary file's name without a reason;
     * {@code -o} naming a directory exits 2 instead of writing images beside it named after it.
     */
    @Test
    void anUnwritableOrDirectoryOutputExitsWith2NamingTheDirectory() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "-k", "raster", "-o", "/proc/self/x.png");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("cortexsim: /proc/self: cannot write x.png in this directory ("), o.err());
        assertTrue(o.err().contains("choose another directory with -o"), o.err());
        assertFalse(o.err().contains(".part"), "no temporary file named: " + o.err());
        Path folder = Files.createDirectory(dir.resolve("figures"));
        o = CliTest.run("plot", result.toString(), "-o", folder.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("-o " + folder + " is a directory; give an image file name, e.g. -o "
                + folder.resolve("figure.png")), o.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList(), "nothing written beside the directory");
        }
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "nothing written in it");
        }
    }

    @Test
    void anUnknownPopulationExitsWith2NamingTheAvailableOnes() throws Exception {
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "--populations", "exc,l23",
                "-o", dir.resolve("x.png").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown population 'l23'"), o.err());
        assertTrue(o.err().contains("available: exc, inh"), o.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void nothingToPlotExitsWith2() {
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "--kind", "vu", "-o", dir.resolve("x.png").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("nothing to plot"), o.err());
        assertTrue(o.err().contains("v and u"), o.err());
        o = CliTest.run("plot", result.toString(), "--kind", "all", "--populations", "inh", "--from", "100", "--to", "100",
                "-o", dir.resolve("x.png").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("is empty"), o.err());
    }

    @Test
    void contradictoryFormatAndBadKindAreUsageErrors() {
        CliTest.Outcome o = CliTest.run("plot", result.toString(), "--svg", "-o", dir.resolve("x.png").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--svg"), o.err());
        o = CliTest.run("plot", result.toString(), "--kind", "histogram");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("raster, v, vu, weights, all"), o.err());
    }

    @Test
    void completionPrintsABashScriptCoveringPlotOptions() {
        CliTest.Outcome o = CliTest.run("completion");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("#!/usr/bin/env bash"), o.out().lines().findFirst().orElse(""));
        assertTrue(o.out().contains("complete -F _complete_cortexsim"), "registers the completion function");
        assertTrue(o.out().contains("'--populations'"), "knows plot's options");
        assertTrue(o.out().contains("\"raster\" \"v\" \"vu\" \"weights\" \"all\""), "knows plot's kinds");
    }
}
