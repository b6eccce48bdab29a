package org.cortexsim.plot;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A figure drawn in memory by {@link Plots#prepare} and not yet written: its kind, its charts (one,
 * or a grid of panels, rows by columns), the options it was drawn with (size and format) and a
 * one-line description of what it shows.
 * {@link Plots#write} writes it.
 */
public final class PreparedFigure {
    private final FigureKind kind;
    private final JFreeChart[][] grid;
    private final PlotOptions options;
    private final String description;

    PreparedFigure(FigureKind kind, JFreeChart chart, PlotOptions options, String description) {
        this(kind, new JFreeChart[][] {{Objects.requireNonNull(chart, "chart")}}, options, description);
    }

    PreparedFigure(FigureKind kind, JFreeChart[][] grid, PlotOptions options, String description) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.grid = Objects.requireNonNull(grid, "grid");
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

    /** The charts, rows by columns (one row of one chart for a single-chart figure). */
    JFreeChart[][] grid() {
        return grid;
    }

    PlotOptions options() {
        return options;
    }
}
