package org.cortexsim.plot;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A figure drawn in memory by {@link Plots#prepare} and not yet written: its kind, the chart, the
 * options it was drawn with (size and format) and a one-line description of what it shows.
 * {@link Plots#write} writes it.
 */
public final class PreparedFigure {
    private final FigureKind kind;
    private final JFreeChart chart;
    private final PlotOptions options;
    private final String description;

    PreparedFigure(FigureKind kind, JFreeChart chart, PlotOptions options, String description) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.options = Objects.requireNonNull(options, "options");
        this.description = Objects.requireNonNull(description, "description");
    }

    public FigureKind kind() {
        return kind;
    }

    /** What the figure shows, e.g. {@code spike raster and population rates of exc, [0, 100) ms, 20 spikes}. */
    public String description() {
        return description;
    }

    JFreeChart chart() {
        return chart;
    }

    PlotOptions options() {
        return options;
    }
}
