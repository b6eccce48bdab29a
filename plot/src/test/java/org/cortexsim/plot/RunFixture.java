package org.cortexsim.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.Sorting;

/**
 * The files of a small run for plot's tests, made without the simulation engine: populations of
 * Izhikevich RS or FS neurons, each neuron driven by its own constant current drawn uniformly from
 * the population's range, integrated here by forward Euler in plain loops (a spike is a stored
 * sample with {@code v >= vpeak}; the neuron resets in the next step). Every step is recorded.
 *
 * <p>The files are written through the results API only: {@link SonataWriter} for the groups of
 * one file, {@link OutputLayout} for file names, the attributes that tie the files together and
 * the segment table. {@link #writeWhole} writes the unsegmented layout (main file and one file per
 * report); {@link #writeSegmented} writes every stream in segments of equal length, as a run over
 * its memory budget does (docs/output-layout.md). Weight reports of plastic projections
 * ({@link #withWeights}) are given, not simulated: their rows are written as a run writes a
 * {@code record.weights} report, and the main file gets the projection's
 * {@code /provenance/plasticity} group ({@link PlasticityInfo#write}) with statistics and
 * histograms computed here from the first and last rows.
 */
final class RunFixture {
    /** A population: its model ({@code RS} or {@code FS}), size and the range of its constant input, pA. */
    record Pop(String name, String model, int size, double lowPA, double highPA) {
    }

    /** A report: the recorded variable ({@code v} or {@code u}) of some neurons of one population. */
    record Report(String name, String population, String variable, long[] nodeIds) {
        String units() {
            return variable.equals("v") ? "mV" : "pA";
        }
    }

    /**
     * A weight report of plastic projection {@code projection} under {@code rule}: {@code rows[n]}
     * holds the weights (pA) of its synapses (edge ids 0..n-1) at step n, within {@code [lower,
     * upper]}; written as variable {@code syn_weight}.
     */
    record Weights(String name, String projection, String rule, double lower, double upper, double[][] rows) {
        long[] edgeIds() {
            long[] ids = new long[rows[0].length];
            for (int c = 0; c < ids.length; c++) {
                ids[c] = c;
            }
            return ids;
        }
    }

    /** One population's simulated activity: spikes in time order, and v and u per step and neuron. */
    private record Activity(double[] spikeTimesMs, long[] spikeIds, double[][] v, double[][] u) {
    }

    static final double DT_MS = 0.1;

    private final double durationMs;
    private final int steps;
    private final List<Pop> pops;
    private final List<Report> reports;
    private final List<Activity> activity = new ArrayList<>();
    private final List<Weights> weights = new ArrayList<>();

    /** Simulates {@code pops} for {@code durationMs} at dt = {@value #DT_MS} ms with inputs drawn from {@code seed}. */
    RunFixture(double durationMs, long seed, List<Pop> pops, List<Report> reports) {
        this.durationMs = durationMs;
        this.steps = (int) Math.round(durationMs / DT_MS);
        this.pops = List.copyOf(pops);
        this.reports = List.copyOf(reports);
        SplittableRandom random = new SplittableRandom(seed);
        for (Pop p : pops) {
            activity.add(simulate(p, random));
        }
    }

    private Activity simulate(Pop p, SplittableRandom random) {
        boolean rs = p.model().equals("RS");
        double c = rs ? 100 : 20;
        double k = rs ? 0.7 : 1;
        double vr = rs ? -60 : -55;
        double vt = -40;
        double vpeak = rs ? 35 : 25;
        double a = rs ? 0.03 : 0.2;
        double b = rs ? -2 : 0.025;
        double reset = rs ? -50 : -45;
        double d = rs ? 100 : 0;
        double[][] v = new double[steps][p.size()];
        double[][] u = new double[steps][p.size()];
        List<double[]> spikes = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            double input = p.lowPA() + (p.highPA() - p.lowPA()) * random.nextDouble();
            double vi = vr;
            double ui = 0;
            for (int n = 0; n < steps; n++) {
                v[n][i] = vi;
                u[n][i] = ui;
                if (vi >= vpeak) {
                    spikes.add(new double[] {n, i});
                    vi = reset;
                    ui += d;
                    continue;
                }
                double recovery = rs ? b * (vi - vr) : vi >= vr ? b * Math.pow(vi - vr, 3) : 0;
                double dv = (k * (vi - vr) * (vi - vt) - ui + input) / c;
                ui += DT_MS * a * (recovery - ui);
                vi += DT_MS * dv;
            }
        }
        spikes.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
        double[] times = new double[spikes.size()];
        long[] ids = new long[spikes.size()];
        for (int s = 0; s < times.length; s++) {
            times[s] = spikes.get(s)[0] * DT_MS;
            ids[s] = (long) spikes.get(s)[1];
        }
        return new Activity(times, ids, v, u);
    }

    /** Adds the weight report {@code w}, one row per step of the run. */
    RunFixture withWeights(Weights w) {
        if (w.rows().length != steps) {
            throw new IllegalArgumentException(w.rows().length + " rows of weights for " + steps + " steps");
        }
        weights.add(w);
        return this;
    }

    /** Names of all reports: neuron state reports, then weight reports. */
    private List<String> reportNames() {
        List<String> names = new ArrayList<>(reports.stream().map(Report::name).toList());
        weights.forEach(w -> names.add(w.name()));
        return names;
    }

    /** A result written whole and the same result written in segments, both named {@code run.h5}. */
    record Written(Path whole, Path parts) {
    }

    /**
     * Writes the result whole into {@code dir/whole/run.h5} and in {@code segments} segments into
     * {@code dir/parts/run.h5} (the same name, so that figures' subtitles agree).
     */
    Written writeBoth(Path dir, int segments) throws IOException {
        return new Written(writeWhole(Files.createDirectories(dir.resolve("whole")).resolve("run.h5")),
                writeSegmented(Files.createDirectories(dir.resolve("parts")).resolve("run.h5"), segments));
    }

    /** Writes the run unsegmented: spikes in the main file {@code main}, one file per report beside it. */
    Path writeWhole(Path main) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Report r : reports) {
            try (SonataWriter w = SonataWriter.create(OutputLayout.reportPath(main, r.name()), false)) {
                provenance(w);
                OutputLayout.nameReport(w, r.name(), r.variable());
                writeRows(w, r, 0, steps);
                written.add(w.commit());
            }
        }
        for (Weights r : weights) {
            try (SonataWriter w = SonataWriter.create(OutputLayout.reportPath(main, r.name()), false)) {
                provenance(w);
                OutputLayout.nameReport(w, r.name(), "syn_weight");
                writeWeightRows(w, r, 0, steps);
                written.add(w.commit());
            }
        }
        try (SonataWriter w = SonataWriter.create(main, false)) {
            provenance(w);
            for (int k = 0; k < pops.size(); k++) {
                Activity act = activity.get(k);
                w.spikes(pops.get(k).name(), act.spikeTimesMs(), act.spikeIds(), act.spikeIds().length,
                        Sorting.BY_TIME);
            }
            OutputLayout.listReportFiles(w, main, reportNames());
            populations(w);
            plasticity(w);
            return w.commit();
        }
    }

    /**
     * Writes the run with every stream in {@code count} segments of equal length (the spikes of
     * steps {@code [j*steps/count, (j+1)*steps/count)} and the report rows of the same steps in
     * segment {@code j+1}); the main file holds the segment table and no spikes.
     */
    Path writeSegmented(Path main, int count) throws IOException {
        List<ResultSet.Segment> segments = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int from = (int) ((long) j * steps / count);
            int to = (int) ((long) (j + 1) * steps / count);
            segments.add(writeSpikeSegment(main, j + 1, from, to));
            for (Report r : reports) {
                segments.add(writeReportSegment(main, r, j + 1, from, to));
            }
            for (Weights r : weights) {
                segments.add(writeWeightSegment(main, r, j + 1, from, to));
            }
        }
        try (SonataWriter w = SonataWriter.create(main, false)) {
            provenance(w);
            OutputLayout.listSegmentedSpikePopulations(w, pops.stream().map(Pop::name).toList());
            OutputLayout.writeSegmentTable(w, segments, 1L << 20);
            populations(w);
            plasticity(w);
            return w.commit();
        }
    }

    private ResultSet.Segment writeSpikeSegment(Path main, long index, int fromStep, int toStep) throws IOException {
        Path file = OutputLayout.segmentPath(main, OutputLayout.SPIKES, index);
        long spikes = 0;
        try (SonataWriter w = SonataWriter.create(file, false)) {
            provenance(w);
            OutputLayout.nameSegment(w, main, OutputLayout.SPIKES, index, fromStep * DT_MS, toStep * DT_MS);
            for (int k = 0; k < pops.size(); k++) {
                Activity act = activity.get(k);
                List<Integer> in = new ArrayList<>();
                for (int s = 0; s < act.spikeTimesMs().length; s++) {
                    long step = Math.round(act.spikeTimesMs()[s] / DT_MS);
                    if (step >= fromStep && step < toStep) {
                        in.add(s);
                    }
                }
                double[] t = new double[in.size()];
                long[] ids = new long[in.size()];
                for (int s = 0; s < t.length; s++) {
                    t[s] = act.spikeTimesMs()[in.get(s)];
                    ids[s] = act.spikeIds()[in.get(s)];
                }
                w.spikes(pops.get(k).name(), t, ids, t.length, Sorting.BY_TIME);
                spikes += t.length;
            }
            w.commit();
        }
        return new ResultSet.Segment(OutputLayout.SPIKES, file, index, fromStep * DT_MS, toStep * DT_MS, spikes);
    }

    private ResultSet.Segment writeReportSegment(Path main, Report r, long index, int fromStep, int toStep)
            throws IOException {
        return writeRowsSegment(main, r.name(), r.variable(), index, fromStep, toStep,
                w -> writeRows(w, r, fromStep, toStep));
    }

    private ResultSet.Segment writeWeightSegment(Path main, Weights r, long index, int fromStep, int toStep)
            throws IOException {
        return writeRowsSegment(main, r.name(), "syn_weight", index, fromStep, toStep,
                w -> writeWeightRows(w, r, fromStep, toStep));
    }

    /**
     * Segment {@code index} of report {@code name} of {@code variable}: steps {@code [fromStep,
     * toStep)} as {@code rows} writes them.
     */
    private ResultSet.Segment writeRowsSegment(Path main, String name, String variable, long index, int fromStep,
            int toStep, Consumer<SonataWriter> rows) throws IOException {
        Path file = OutputLayout.segmentPath(main, name, index);
        try (SonataWriter w = SonataWriter.create(file, false)) {
            provenance(w);
            OutputLayout.nameSegment(w, main, name, index, fromStep * DT_MS, toStep * DT_MS);
            OutputLayout.nameReport(w, name, variable);
            rows.accept(w);
            w.commit();
        }
        return new ResultSet.Segment(name, file, index, fromStep * DT_MS, toStep * DT_MS, toStep - fromStep);
    }

    /** The weight rows of steps {@code [from, to)}: a report of the projection, one column per edge. */
    private void writeWeightRows(SonataWriter w, Weights r, int from, int to) {
        int cols = r.rows()[0].length;
        double[] data = new double[(to - from) * cols];
        for (int n = from; n < to; n++) {
            System.arraycopy(r.rows()[n], 0, data, (n - from) * cols, cols);
        }
        w.report(new ReportMetadata(r.projection(), "pA", r.edgeIds(), from * DT_MS, to * DT_MS, DT_MS, to - from,
                cols), data);
    }

    /** Each weight report's projection: statistics and 50-bin histograms over its bounds of its first and last rows. */
    private void plasticity(SonataWriter w) {
        for (Weights r : weights) {
            double[] first = r.rows()[0];
            double[] last = r.rows()[steps - 1];
            double[] edges = new double[51];
            for (int b = 0; b <= 50; b++) {
                edges[b] = r.lower() + (r.upper() - r.lower()) * b / 50;
            }
            new PlasticityInfo(r.projection(), r.rule(), "fixture", "pA", r.lower(), r.upper(), first.length, 20,
                    stats(first, r), stats(last, r), edges, histogram(first, r), histogram(last, r)).write(w);
        }
    }

    private static double[] stats(double[] x, Weights r) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
        return new double[] {mean, sd, java.util.Arrays.stream(x).min().orElseThrow(),
            java.util.Arrays.stream(x).max().orElseThrow(),
            java.util.Arrays.stream(x).filter(v -> v == r.lower()).count() / (double) x.length,
            java.util.Arrays.stream(x).filter(v -> v == r.upper()).count() / (double) x.length};
    }

    private static long[] histogram(double[] x, Weights r) {
        long[] h = new long[50];
        for (double v : x) {
            h[Math.min(49, (int) ((v - r.lower()) / (r.upper() - r.lower()) * 50))]++;
        }
        return h;
    }

    /** The rows of steps {@code [from, to)} of a report. */
    private void writeRows(SonataWriter w, Report r, int from, int to) {
        int k = popIndex(r.population());
        double[][] values = r.variable().equals("v") ? activity.get(k).v() : activity.get(k).u();
        int cols = r.nodeIds().length;
        double[] data = new double[(to - from) * cols];
        for (int n = from; n < to; n++) {
            for (int c = 0; c < cols; c++) {
                data[(n - from) * cols + c] = values[n][(int) r.nodeIds()[c]];
            }
        }
        w.report(new ReportMetadata(r.population(), r.units(), r.nodeIds(), from * DT_MS, to * DT_MS, DT_MS,
                to - from, cols), data);
    }

    private void provenance(SonataWriter w) {
        w.rootAttribute("simulator", "plot test fixture");
        w.rootAttribute("dt_ms", DT_MS);
        w.rootAttribute("duration_ms", durationMs);
        w.rootAttribute("model_time_reached_ms", steps * DT_MS);
        w.rootAttribute("status", "completed");
    }

    private void populations(SonataWriter w) {
        for (Pop p : pops) {
            w.dataset(OutputLayout.populationParameters(p.name()), new double[] {p.lowPA(), p.highPA()},
                    Map.of("model", p.model(), "size", (long) p.size(), "names",
                            new String[] {"input_low_pA", "input_high_pA"}));
        }
    }

    private int popIndex(String name) {
        for (int k = 0; k < pops.size(); k++) {
            if (pops.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no population " + name);
    }
}
