package org.cortexsim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The weights figure ({@code plot --kind weights}): for each plastic projection of a result (or
 * those named with {@code --populations}), one row of two panels: the weight histogram at the
 * start and at the end of the run (from the main file's {@code /provenance/plasticity}, all
 * synapses), and the mean weight over time, from the projection's weight report
 * ({@code record.weights}) when there is one, else the start and end means alone.
 */
final class WeightFigure {
    private static final Color START = new Color(0x1f77b4);
    private static final Color END = new Color(0xd62728);

    private WeightFigure() {
    }

    static PreparedFigure prepare(Path result, PlotOptions options) throws IOException, PlotException {
        List<PlasticityInfo> all = PlasticityInfo.read(result);
        List<PlasticityInfo> chosen = new ArrayList<>();
        for (PlasticityInfo p : all) {
            if (options.populations().isEmpty() || options.populations().contains(p.projection())) {
                chosen.add(p);
            }
        }
        if (all.isEmpty()) {
            throw new PlotException("nothing to plot: " + result + " has no plastic projection");
        }
        if (chosen.isEmpty()) {
            throw new PlotException("no plastic projection named " + options.populations() + " in " + result
                    + "; it has: " + all.stream().map(PlasticityInfo::projection).toList());
        }
        if (chosen.size() > Charts.MAX_PANELS) {
            chosen = chosen.subList(0, Charts.MAX_PANELS);
        }
        JFreeChart[][] grid = new JFreeChart[chosen.size()][];
        StringBuilder what = new StringBuilder();
        try (ResultSet r = ResultSet.open(result)) {
            double endMs = r.provenance().get("model_time_reached_ms") instanceof Number n ? n.doubleValue() : Double.NaN;
            for (int k = 0; k < chosen.size(); k++) {
                PlasticityInfo p = chosen.get(k);
                int[] recorded = new int[1];
                double[][] mean = meanOverTime(r, p.projection(), recorded);
                boolean fromReport = mean != null;
                if (mean == null) {
                    mean = new double[][] {{0, endMs}, {p.initialStats()[PlasticityInfo.MEAN],
                        p.finalStats()[PlasticityInfo.MEAN]}};
                }
                grid[k] = new JFreeChart[] {histogram(p, result), meanChart(p, mean, fromReport ? recorded[0] : 0)};
                what.append(k == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s (%s): mean %.4g -> %.4g %s",
                        p.projection(), p.rule(), p.initialStats()[PlasticityInfo.MEAN],
                        p.finalStats()[PlasticityInfo.MEAN], p.units()));
            }
        }
        return new PreparedFigure(FigureKind.WEIGHTS, grid, options, FigureKind.WEIGHTS.title() + ": " + what);
    }

    /** The histograms at the start (upper panel) and the end (lower panel) on one weight axis, each with its own count axis. */
    private static JFreeChart histogram(PlasticityInfo p, Path result) {
        NumberAxis x = Charts.axis("weight (" + p.units() + ")");
        x.setAutoRangeIncludesZero(false);
        x.setRange(p.histogramEdges()[0], p.histogramEdges()[p.histogramEdges().length - 1]);
        org.jfree.chart.plot.CombinedDomainXYPlot plot = new org.jfree.chart.plot.CombinedDomainXYPlot(x);
        plot.setGap(8);
        plot.add(panel("start", p.histogramEdges(), p.histogramInitial(), START), 1);
        plot.add(panel("end", p.histogramEdges(), p.histogramFinal(), END), 1);
        return Charts.chart("Weights of " + p.projection() + " (" + p.rule() + ")", String.format(Locale.ROOT,
                "%s  |  %d synapses  |  start %s \u00b1 %s, end %s \u00b1 %s %s", result.getFileName(), p.synapses(),
                num(p.initialStats()[PlasticityInfo.MEAN]), num(p.initialStats()[PlasticityInfo.SD]),
                num(p.finalStats()[PlasticityInfo.MEAN]), num(p.finalStats()[PlasticityInfo.SD]), p.units()), plot);
    }

    private static XYPlot panel(String label, double[] edges, long[] counts, Color colour) {
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries(label, steps(edges, counts));
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        XYPlot plot = new XYPlot(data, null, Charts.axis("synapses (" + label + ")"), r);
        Charts.style(plot);
        return plot;
    }

    private static String num(double x) {
        return Math.abs(x) >= 1000 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.4g", x);
    }

    /** Mean weight against time; {@code recorded}: synapses in the weight report (0: none, start and end only). */
    private static JFreeChart meanChart(PlasticityInfo p, double[][] mean, int recorded) {
        boolean fromReport = recorded > 0;
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("mean weight", mean);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, !fromReport || mean[0].length < 40);
        r.setSeriesPaint(0, Color.DARK_GRAY);
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        NumberAxis y = Charts.axis("mean weight (" + p.units() + ")");
        y.setAutoRangeIncludesZero(false);
        double lo = java.util.Arrays.stream(mean[1]).min().orElse(0);
        double hi = java.util.Arrays.stream(mean[1]).max().orElse(0);
        if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(hi)))) {
            double pad = Math.max(1e-3, 0.01 * Math.abs(hi));
            y.setRange(lo - pad, hi + pad);
        }
        XYPlot plot = new XYPlot(data, Charts.timeAxis(mean[0][0], Math.max(mean[0][mean[0].length - 1],
                mean[0][0] + 1e-9)), y, r);
        Charts.style(plot);
        return Charts.chart("Mean weight over time", fromReport
                ? "mean of the " + recorded + " synapse" + (recorded == 1 ? "" : "s") + " in the weight report"
                : "all synapses, start and end only (record.weights gives the time course)", plot);
    }

    /** Step outline of a histogram: x at every edge, y the count of the bin starting there. */
    private static double[][] steps(double[] edges, long[] counts) {
        double[][] xy = new double[2][edges.length];
        for (int b = 0; b < edges.length; b++) {
            xy[0][b] = edges[b];
            xy[1][b] = counts[Math.min(b, counts.length - 1)];
        }
        return xy;
    }

    /** Time (ms) and mean over the recorded synapses of the first weight report of {@code projection}, or null. */
    private static double[][] meanOverTime(ResultSet r, String projection, int[] recorded) throws IOException {
        for (String report : r.reports()) {
            if (!"syn_weight".equals(r.variable(report))) {
                continue;
            }
            ReportMetadata m = r.reportMetadata(report);
            if (!m.population().equals(projection) || m.rows() == 0) {
                continue;
            }
            recorded[0] = m.cols();
            double[][] xy = new double[2][m.rows()];
            int block = Math.max(1, 1_000_000 / Math.max(1, m.cols()));
            for (int row = 0; row < m.rows(); row += block) {
                int count = Math.min(block, m.rows() - row);
                double[] slice = r.reportSlice(report, row, count, 0, m.cols());
                for (int i = 0; i < count; i++) {
                    double sum = 0;
                    for (int c = 0; c < m.cols(); c++) {
                        sum += slice[i * m.cols() + c];
                    }
                    xy[0][row + i] = m.startMs() + (row + i) * m.dtMs();
                    xy[1][row + i] = sum / m.cols();
                }
            }
            return xy;
        }
        return null;
    }
}
