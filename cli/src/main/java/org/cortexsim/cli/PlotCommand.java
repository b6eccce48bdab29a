package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.plot.Figure;
import org.cortexsim.plot.FigureKind;
import org.cortexsim.plot.ImageFormat;
import org.cortexsim.plot.PlotException;
import org.cortexsim.plot.PlotOptions;
import org.cortexsim.plot.Plots;
import org.cortexsim.results.UnreadableFileException;
import org.cortexsim.plot.PreparedFigure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cortexsim plot}: figures of a result file, drawn by the plot library. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw figures of a result file as PNG (or SVG): the spike raster with population firing "
                + "rates beneath (raster), the membrane potential of recorded neurons (v), and v against the "
                + "recovery variable u (vu), and the weights of plastic projections (weights: histograms at the "
                + "start and the end, mean weight over time).",
                "By default every figure the file has data for is written beside it: run.h5 gives run.raster.png, "
                        + "run.v.png and run.vu.png, and run.weights.png when it holds plastic projections' weights."})
final class PlotCommand extends Subcommand {
    /** The figure kinds on the command line: the library's, or all of them. */
    enum Kind {
        raster, v, vu, weights, all
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 file written by cortexsim run")
    Path file;

    @Option(names = {"-k", "--kind"}, paramLabel = "KIND", defaultValue = "all",
            description = "raster, v, vu, weights or all (default: ${DEFAULT-VALUE}: those the file has data for)")
    Kind kind;

    @Option(names = {"-p", "--populations"}, split = ",", paramLabel = "NAME",
            description = "populations to draw, comma-separated (default: all); for weights: projections")
    List<String> populations = new ArrayList<>();

    @Option(names = {"-n", "--neurons"}, split = ",", paramLabel = "ID",
            description = "node ids of recorded neurons for v and vu (default: the first "
                    + PlotOptions.DEFAULT_NEURON_COUNT + " recorded)")
    List<Long> neurons = new ArrayList<>();

    @Option(names = "--from", paramLabel = "MS", description = "start of the time window in ms (default: 0)")
    Double fromMs;

    @Option(names = "--to", paramLabel = "MS", description = "end of the time window in ms, exclusive (default: end of run)")
    Double toMs;

    @Option(names = "--bin", paramLabel = "MS", defaultValue = "5",
            description = "firing-rate bin in ms (default: ${DEFAULT-VALUE})")
    double binMs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "image file; when several kinds of figure are written, OUT's name gets .<kind> before"
                    + " the extension (default: beside FILE)")
    Path output;

    @Option(names = "--svg", description = "write SVG instead of PNG (also chosen by an OUT ending in .svg)")
    boolean svg;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1000", description = "width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "700", description = "height in pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        ImageFormat format = format();
        PlotOptions options;
        try {
            options = PlotOptions.defaults().withPopulations(populations).withNeurons(neurons)
                    .withWindow(fromMs == null ? Double.NaN : fromMs, toMs == null ? Double.NaN : toMs)
                    .withBinMs(binMs).withSize(width, height).withFormat(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<FigureKind> kinds = kind == Kind.all ? List.of(FigureKind.values()) : List.of(FigureKind.of(kind.name()));
        List<String> skipped = new ArrayList<>();
        List<PreparedFigure> drawn = new ArrayList<>();
        try {
            for (FigureKind k : kinds) {
                try {
                    drawn.add(Plots.prepare(k, file, options));
                } catch (PlotException e) {
                    if (kinds.size() == 1 || !e.getMessage().startsWith("nothing to plot")) {
                        err.println("cortexsim: " + e.getMessage());
                        return ExitCodes.USAGE;
                    }
                    skipped.add(k.id() + ": " + e.getMessage());
                }
            }
            for (PreparedFigure f : drawn) {
                Figure written = Plots.write(f, target(f.kind(), format, drawn.size() == 1));
                out.println("wrote " + written.file() + " (" + written.description() + ")");
                out.flush();
            }
        } catch (IOException e) {
            err.println("cortexsim: " + Errors.describeResultInput(e));
            return Errors.isUsage(e) || e instanceof UnreadableFileException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
        for (String s : skipped) {
            (drawn.isEmpty() ? err : out).println((drawn.isEmpty() ? "cortexsim: " : "skipped ") + s);
        }
        out.flush();
        err.flush();
        return drawn.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private ImageFormat format() {
        if (output != null && java.nio.file.Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o " + output + " is a directory; give an"
                    + " image file name, e.g. -o " + output.resolve("figure.png") + " (each kind of figure then gets"
                    + " .<kind> before the extension)");
        }
        ImageFormat byName = output == null ? null : ImageFormat.ofPath(output);
        if (svg && byName == ImageFormat.PNG) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--svg asks for SVG but " + output + " ends in .png");
        }
        return svg ? ImageFormat.SVG : byName == null ? ImageFormat.PNG : byName;
    }

    /**
     * The output for one figure kind: OUT as given when one figure is written (one --kind, or only
     * one kind with data), OUT with .<kind> inserted when several are.
     */
    private Path target(FigureKind k, ImageFormat format, boolean onlyFigure) {
        if (output == null) {
            return Plots.defaultOutput(file, k, format);
        }
        if (onlyFigure) {
            return ImageFormat.ofPath(output) == null ? output.resolveSibling(output.getFileName() + "."
                    + format.extension()) : output;
        }
        String name = output.getFileName().toString();
        String stem = ImageFormat.ofPath(output) == null ? name : name.substring(0, name.lastIndexOf('.'));
        return output.resolveSibling(stem + "." + k.id() + "." + format.extension());
    }
}
