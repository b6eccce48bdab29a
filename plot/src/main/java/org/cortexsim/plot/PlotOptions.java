package org.cortexsim.plot;

import java.util.List;
import java.util.Objects;

/**
 * What to draw and how big: the populations (empty: all of the file's), the node ids of recorded
 * neurons (empty: the first {@value #DEFAULT_NEURON_COUNT} recorded), the time window {@code [fromMs,
 * toMs)} in ms (NaN: from the start / to the end of the run), the firing-rate bin in ms, the image
 * size in pixels and the format.
 *
 * <p>Immutable; the {@code with...} methods return changed copies.
 */
public record PlotOptions(List<String> populations, List<Long> neurons, double fromMs, double toMs, double binMs,
        int widthPx, int heightPx, ImageFormat format) {

    /** How many recorded neurons are drawn when none are chosen. */
    public static final int DEFAULT_NEURON_COUNT = 5;
    public static final double DEFAULT_BIN_MS = 5;
    public static final int DEFAULT_WIDTH_PX = 1000;
    public static final int DEFAULT_HEIGHT_PX = 700;

    /** Checks sizes, bin and window; copies the lists. */
    public PlotOptions {
        populations = List.copyOf(populations);
        neurons = List.copyOf(neurons);
        Objects.requireNonNull(format, "format");
        if (widthPx < 200 || heightPx < 150 || widthPx > 20_000 || heightPx > 20_000) {
            throw new IllegalArgumentException("image size " + widthPx + " x " + heightPx
                    + " px is outside 200 x 150 .. 20000 x 20000 px");
        }
        if (!(binMs > 0) || Double.isInfinite(binMs)) {
            throw new IllegalArgumentException("rate bin must be a positive number of ms, got " + binMs);
        }
        if (!Double.isNaN(fromMs) && !Double.isNaN(toMs) && !(fromMs < toMs)) {
            throw new IllegalArgumentException("time window [" + fromMs + ", " + toMs + ") ms is empty");
        }
    }

    /** All populations, default neurons, the whole run, 5 ms bins, 1000 x 700 px PNG. */
    public static PlotOptions defaults() {
        return new PlotOptions(List.of(), List.of(), Double.NaN, Double.NaN, DEFAULT_BIN_MS, DEFAULT_WIDTH_PX,
                DEFAULT_HEIGHT_PX, ImageFormat.PNG);
    }

    public PlotOptions withPopulations(List<String> p) {
        return new PlotOptions(p, neurons, fromMs, toMs, binMs, widthPx, heightPx, format);
    }

    public PlotOptions withNeurons(List<Long> n) {
        return new PlotOptions(populations, n, fromMs, toMs, binMs, widthPx, heightPx, format);
    }

    /** The window {@code [from, to)} in ms; NaN leaves an end open. */
    public PlotOptions withWindow(double from, double to) {
        return new PlotOptions(populations, neurons, from, to, binMs, widthPx, heightPx, format);
    }

    public PlotOptions withBinMs(double bin) {
        return new PlotOptions(populations, neurons, fromMs, toMs, bin, widthPx, heightPx, format);
    }

    public PlotOptions withSize(int width, int height) {
        return new PlotOptions(populations, neurons, fromMs, toMs, binMs, width, height, format);
    }

    public PlotOptions withFormat(ImageFormat f) {
        return new PlotOptions(populations, neurons, fromMs, toMs, binMs, widthPx, heightPx, f);
    }
}
