package org.cortexsim.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cortexsim.results.UnreadableFileException;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a result file written by {@code cortexsim run}: {@link #raster spike raster with
 * population rates}, {@link #membrane membrane potential v(t)} and {@link #phase v against u}, each
 * written as PNG or SVG. Each call reads what it needs, draws headless and writes one file.
 *
 * <p>Loading this class sets {@code java.awt.headless=true} unless the property is already set, so
 * figures can be drawn on machines without a display.
 */
public final class Plots {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** Draws one kind of figure; see {@link #raster}, {@link #membrane} and {@link #phase}. */
    public static Figure draw(FigureKind kind, Path result, PlotOptions options, Path out)
            throws IOException, PlotException {
        return write(prepare(kind, result, options), out);
    }

    /**
     * Draws one kind of figure in memory without writing it, so a caller can first learn which
     * kinds a file has data for (and so where each should go) and then {@link #write} them.
     *
     * @throws PlotException as {@link #raster}, {@link #membrane} and {@link #phase}
     * @throws UnreadableFileException if a file of the result is not HDF5, damaged or truncated
     */
    public static PreparedFigure prepare(FigureKind kind, Path result, PlotOptions options)
            throws IOException, PlotException {
        try {
            return switch (kind) {
                case RASTER -> raster(Selection.of(result, options), result, options);
                case V -> membrane(Selection.of(result, options), result, options);
                case VU -> phase(Selection.of(result, options), result, options);
                case WEIGHTS -> WeightFigure.prepare(result, options);
            };
        } catch (RuntimeException e) {
            throw UnreadableFileException.of(result, e);
        }
    }

    /** Writes a figure drawn by {@link #prepare} to {@code out}, in its options' format. */
    public static Figure write(PreparedFigure figure, Path out) throws IOException {
        ChartFiles.write(figure.grid(), figure.options().format(), figure.options().widthPx(),
                figure.options().heightPx(), out);
        return new Figure(out, figure.options().format(), figure.description());
    }

    /**
     * Where a figure goes by default: beside the result file, {@code <stem>.<kind>.<ext>} (for
     * {@code run.h5}, {@code run.raster.png}).
     */
    public static Path defaultOutput(Path result, FigureKind kind, ImageFormat format) {
        String name = result.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
        return result.resolveSibling(stem + "." + kind.id() + "." + format.extension());
    }

    /**
     * Spike raster of the chosen populations (node ids stacked per population, one colour each)
     * over the window, with each population's firing rate (Hz, in {@link PlotOptions#binMs()} bins)
     * beneath on the same time axis (ms). The chosen neurons do not apply.
     *
     * @throws PlotException for an unknown population, a file without spike populations or an empty window
     */
    public static Figure raster(Path result, PlotOptions options, Path out) throws IOException, PlotException {
        return draw(FigureKind.RASTER, result, options, out);
    }

    private static PreparedFigure raster(Selection s, Path result, PlotOptions options)
            throws IOException, PlotException {
        List<ResultData.Spikes> spikes = new ArrayList<>();
        for (ResultData.Population p : s.populations()) {
            spikes.add(s.data().spikes(p, s.fromMs(), s.toMs()));
        }
        int count = spikes.stream().mapToInt(x -> x.timesMs().length).sum();
        String subtitle = String.format(Locale.ROOT, "%s  |  %s  |  rate in %s ms bins", result.getFileName(),
                s.describeWindow(), ResultData.fmt(options.binMs()));
        JFreeChart chart = Charts.raster(spikes, s.fromMs(), s.toMs(), options.binMs(), options.heightPx(),
                subtitle);
        return new PreparedFigure(FigureKind.RASTER, chart, options, String.format(Locale.ROOT,
                "%s of %s, %s, %d spikes", FigureKind.RASTER.title(), names(s.populations()), s.describeWindow(),
                count));
    }

    /**
     * Membrane potential v (mV) over time (ms) of the chosen recorded neurons of the chosen
     * populations, from the report files beside the result file.
     *
     * @throws PlotException if no chosen neuron was recorded with v, or the window holds no sample
     */
    public static Figure membrane(Path result, PlotOptions options, Path out) throws IOException, PlotException {
        return draw(FigureKind.V, result, options, out);
    }

    private static PreparedFigure membrane(Selection s, Path result, PlotOptions options)
            throws IOException, PlotException {
        List<ResultData.Trace> traces = s.data().traces(List.of("v"), s.populations(), options.neurons(),
                s.fromMs(), s.toMs()).stream().map(l -> l.get(0)).toList();
        String who = traces.stream().map(ResultData.Trace::label).collect(Collectors.joining(", "));
        JFreeChart chart = Charts.traces(traces, s.fromMs(), s.toMs(), options.widthPx(), "Membrane potential",
                result.getFileName() + "  |  " + s.describeWindow());
        return new PreparedFigure(FigureKind.V, chart, options, FigureKind.V.title() + " of " + who + ", "
                + s.describeWindow());
    }

    /**
     * Membrane voltage v (mV) against the recovery variable u (in the report's units, pA) of the
     * chosen neurons recorded with both, over the window: the notebook's "Membrane voltage against
     * recovery variable".
     *
     * @throws PlotException if no chosen neuron was recorded with both v and u, or the window holds no sample
     */
    public static Figure phase(Path result, PlotOptions options, Path out) throws IOException, PlotException {
        return draw(FigureKind.VU, result, options, out);
    }

    private static PreparedFigure phase(Selection s, Path result, PlotOptions options)
            throws IOException, PlotException {
        List<List<ResultData.Trace>> vu = s.data().traces(List.of("v", "u"), s.populations(), options.neurons(),
                s.fromMs(), s.toMs());
        String who = vu.stream().map(l -> l.get(0).label()).collect(Collectors.joining(", "));
        JFreeChart chart = Charts.phase(vu, "Membrane voltage against recovery variable",
                result.getFileName() + "  |  " + who + "  |  " + s.describeWindow());
        return new PreparedFigure(FigureKind.VU, chart, options, FigureKind.VU.title() + " of " + who + ", "
                + s.describeWindow());
    }

    private static String names(List<ResultData.Population> pops) {
        return pops.stream().map(ResultData.Population::name).collect(Collectors.joining(", "));
    }

    /** The data of a result file with the populations and the window the options choose. */
    private record Selection(ResultData data, List<ResultData.Population> populations, double fromMs, double toMs) {
        static Selection of(Path result, PlotOptions options) throws IOException, PlotException {
            ResultData data = ResultData.open(result);
            List<ResultData.Population> populations = data.select(options.populations());
            double[] w = data.window(options);
            return new Selection(data, populations, w[0], w[1]);
        }

        /** The window as {@code [from, to) ms}. */
        String describeWindow() {
            return "[" + ResultData.fmt(fromMs) + ", " + ResultData.fmt(toMs) + ") ms";
        }
    }
}
