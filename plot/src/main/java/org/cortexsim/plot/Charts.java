package org.cortexsim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Builds the JFreeChart charts from data already read: the look (fonts, colours, grid), the axes
 * with their units, and how data become series (stacked node ids, binned rates, min/max thinning
 * of long traces). Knows nothing of files.
 */
final class Charts {
    /** Colours by population (or trace) index: the common "tab10" palette. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** Up to this many traces are drawn in panels of their own; more share one panel. */
    static final int MAX_PANELS = 6;

    private static final String FONT = "SansSerif";
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 18);
    private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);
    private static final Color GRID = new Color(0xdddddd);

    private Charts() {
    }

    static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /**
     * Spike raster (node ids of each population stacked, in the order given) above the populations'
     * firing rates in Hz, binned in {@code binMs} bins, on a shared time axis in ms.
     */
    static JFreeChart raster(List<ResultData.Spikes> spikes, double fromMs, double toMs, double binMs,
            int heightPx, String subtitle) {
        DefaultXYDataset dots = new DefaultXYDataset();
        DefaultXYDataset rates = new DefaultXYDataset();
        XYDotRenderer dotRenderer = new XYDotRenderer();
        XYStepRenderer rateRenderer = new XYStepRenderer();
        rateRenderer.setDefaultSeriesVisibleInLegend(false);
        long total = spikes.stream().mapToLong(s -> Math.max(1, s.population().size())).sum();
        int dot = (int) Math.max(1, Math.min(12, Math.round(0.4 * heightPx / total)));
        dotRenderer.setDotWidth(2);
        dotRenderer.setDotHeight(dot);
        dotRenderer.setLegendShape(new Rectangle2D.Double(-4, -4, 8, 8));

        NumberAxis neuronAxis = axis("neuron (populations stacked)");
        neuronAxis.setStandardTickUnits(new NumberTickUnitSource(true, plainNumbers()));
        neuronAxis.setRange(-0.5, total - 0.5);
        XYPlot rasterPlot = new XYPlot(dots, null, neuronAxis, dotRenderer);
        NumberAxis rateAxis = axis("rate (Hz)");
        XYPlot ratePlot = new XYPlot(rates, null, rateAxis, rateRenderer);

        long offset = 0;
        for (int k = 0; k < spikes.size(); k++) {
            ResultData.Spikes s = spikes.get(k);
            ResultData.Population p = s.population();
            long size = Math.max(1, p.size());
            double[][] xy = new double[2][s.timesMs().length];
            for (int i = 0; i < xy[0].length; i++) {
                xy[0][i] = s.timesMs()[i];
                xy[1][i] = offset + s.nodeIds()[i];
            }
            double meanHz = xy[0].length / (size * (toMs - fromMs) / 1000.0);
            String key = String.format(Locale.ROOT, "%s (%s, %d neuron%s, %.2f Hz)", p.name(), p.model(), p.size(),
                    p.size() == 1 ? "" : "s", meanHz);
            dots.addSeries(key, xy);
            dotRenderer.setSeriesPaint(k, colour(p.colour()));
            double[] hz = rateHz(s.timesMs(), size, fromMs, toMs, binMs);
            double[][] rate = new double[2][hz.length + 1];
            for (int b = 0; b <= hz.length; b++) {
                rate[0][b] = Math.min(toMs, fromMs + b * binMs);
                rate[1][b] = hz[Math.min(b, hz.length - 1)];
            }
            rates.addSeries(key, rate);
            rateRenderer.setSeriesPaint(k, colour(p.colour()));
            rateRenderer.setSeriesStroke(k, new BasicStroke(1.5f));
            if (offset > 0) {
                ValueMarker boundary = new ValueMarker(offset - 0.5, Color.GRAY, new BasicStroke(0.8f));
                rasterPlot.addRangeMarker(boundary);
            }
            offset += size;
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(timeAxis(fromMs, toMs));
        plot.setGap(10);
        style(rasterPlot);
        style(ratePlot);
        plot.add(rasterPlot, 3);
        plot.add(ratePlot, 1);
        return chart("Spikes and population firing rates", subtitle, plot);
    }

    /**
     * Firing rate in Hz of a population of {@code size} neurons in consecutive bins of {@code binMs}
     * from {@code fromMs}; the last bin ends at {@code toMs} and may be shorter. Spikes outside
     * {@code [fromMs, toMs)} are not counted.
     */
    static double[] rateHz(double[] timesMs, long size, double fromMs, double toMs, double binMs) {
        int bins = (int) Math.ceil((toMs - fromMs) / binMs - 1e-9);
        long[] counts = new long[bins];
        for (double t : timesMs) {
            if (t >= fromMs && t < toMs) {
                counts[Math.min(bins - 1, (int) Math.floor((t - fromMs) / binMs))]++;
            }
        }
        double[] hz = new double[bins];
        for (int b = 0; b < bins; b++) {
            double width = Math.min(toMs, fromMs + (b + 1) * binMs) - (fromMs + b * binMs);
            hz[b] = counts[b] / (size * width / 1000.0);
        }
        return hz;
    }

    /**
     * Traces over time, each in a panel of its own (one shared panel when there are more than
     * {@value #MAX_PANELS}), thinned to about two samples per pixel column keeping each column's
     * minimum and maximum, so spikes survive.
     */
    static JFreeChart traces(List<ResultData.Trace> traces, double fromMs, double toMs, int widthPx, String title,
            String subtitle) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(timeAxis(fromMs, toMs));
        plot.setGap(8);
        boolean shared = traces.size() > MAX_PANELS;
        XYPlot sharedPlot = null;
        for (int k = 0; k < traces.size(); k++) {
            ResultData.Trace t = traces.get(k);
            DefaultXYDataset data = new DefaultXYDataset();
            data.addSeries(t.label(), thin(t.timesMs(), t.values(), 2 * widthPx));
            if (shared && sharedPlot != null) {
                int index = sharedPlot.getDatasetCount();
                sharedPlot.setDataset(index, data);
                sharedPlot.setRenderer(index, lines(colour(k)));
                continue;
            }
            NumberAxis y = axis(t.variable() + " (" + t.units() + ")");
            y.setAutoRangeIncludesZero(false);
            XYPlot panel = new XYPlot(data, null, y, lines(colour(k)));
            style(panel);
            plot.add(panel, 1);
            sharedPlot = panel;
        }
        return chart(title, subtitle, plot);
    }

    /** One curve per neuron of {@code x} against {@code y} (for example v against u), in time order. */
    static JFreeChart phase(List<List<ResultData.Trace>> xy, String title, String subtitle) {
        ResultData.Trace first = xy.get(0).get(0);
        ResultData.Trace second = xy.get(0).get(1);
        NumberAxis x = axis(first.variable() + " (" + first.units() + ")");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = axis(second.variable() + " (" + second.units() + ")");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(null, x, y, null);
        for (int k = 0; k < xy.size(); k++) {
            DefaultXYDataset data = new DefaultXYDataset();
            data.addSeries(xy.get(k).get(0).label(), new double[][] {xy.get(k).get(0).values(), xy.get(k).get(1).values()});
            plot.setDataset(k, data);
            plot.setRenderer(k, lines(colour(k)));
        }
        style(plot);
        return chart(title, subtitle, plot);
    }

    /**
     * Keeps long series drawable: above {@code 2 * buckets} points, each of {@code buckets} equal
     * runs of samples is reduced to its minimum and maximum, in time order.
     */
    static double[][] thin(double[] x, double[] y, int buckets) {
        int n = x.length;
        if (n <= 2 * buckets) {
            return new double[][] {x.clone(), y.clone()};
        }
        double[][] out = new double[2][2 * buckets];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int lo = (int) ((long) b * n / buckets);
            int hi = (int) ((long) (b + 1) * n / buckets);
            int min = lo;
            int max = lo;
            for (int i = lo + 1; i < hi; i++) {
                if (y[i] < y[min]) {
                    min = i;
                }
                if (y[i] > y[max]) {
                    max = i;
                }
            }
            int a = Math.min(min, max);
            int c = Math.max(min, max);
            out[0][k] = x[a];
            out[1][k++] = y[a];
            out[0][k] = x[c];
            out[1][k++] = y[c];
        }
        return out;
    }

    private static XYLineAndShapeRenderer lines(Color colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        r.setLegendLine(new java.awt.geom.Line2D.Double(-8, 0, 8, 0));
        return r;
    }

    static NumberAxis timeAxis(double fromMs, double toMs) {
        NumberAxis t = axis("time (ms)");
        t.setAutoRangeIncludesZero(false);
        t.setRange(fromMs, toMs);
        return t;
    }

    static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(new NumberTickUnitSource(false, plainNumbers()));
        a.setLabelFont(LABEL_FONT);
        a.setTickLabelFont(TICK_FONT);
        a.setLabelPaint(Color.BLACK);
        a.setTickLabelPaint(Color.DARK_GRAY);
        return a;
    }

    /** Tick labels without digit grouping, with a dot for decimals, whatever the default locale. */
    private static NumberFormat plainNumbers() {
        DecimalFormat f = new DecimalFormat("0.########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setGroupingUsed(false);
        return f;
    }

    static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
        p.setDomainGridlineStroke(new BasicStroke(0.6f));
        p.setRangeGridlineStroke(new BasicStroke(0.6f));
        p.setOutlinePaint(Color.GRAY);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle sub = new TextTitle(subtitle, SUBTITLE_FONT);
        sub.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(0, sub);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LEGEND_FONT);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        return chart;
    }
}
