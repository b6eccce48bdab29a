package org.cortexsim.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SpikeData;

/**
 * What the figures need from a result, read through the results module's {@link ResultSet}: the spike populations
 * (name, model, size, a stable colour index), the run's time span, spikes in a time window, and
 * traces of recorded variables from the run's reports. A result written in segments (recordings
 * over {@code record.memory_budget_MB}, see docs/output-layout.md) reads exactly as one written
 * unsegmented: {@code ResultSet} concatenates spike segments and numbers report rows across them.
 *
 * <p>Owns no open file: every method opens and closes what it reads. Times are in ms.
 */
final class ResultData {

    /** A spike population; {@code colour} is its index in the file, so colours agree across figures. */
    record Population(String name, String model, long size, int colour) {
    }

    /** Spikes of one population in a window. */
    record Spikes(Population population, double[] timesMs, long[] nodeIds) {
    }

    /** One recorded neuron's variable over the window, in the report's units. */
    record Trace(String population, long nodeId, String variable, String units, double[] timesMs, double[] values) {
        String label() {
            return population + " #" + nodeId;
        }
    }

    /** Where a recorded (population, node id, variable) lives: a column of a report of the result. */
    private record Source(String report, String variable, String population, long nodeId, int column,
            ReportMetadata metadata) {
    }

    private final Path file;
    private final List<Population> populations;
    private final double startMs;
    private final double endMs;
    private final List<Source> sources;

    private ResultData(Path file, List<Population> populations, double startMs, double endMs, List<Source> sources) {
        this.file = file;
        this.populations = populations;
        this.startMs = startMs;
        this.endMs = endMs;
        this.sources = sources;
    }

    /**
     * Reads the populations, time span and report layout of a result (no bulk data).
     *
     * @throws java.nio.file.NoSuchFileException if the main file or a report file it lists is missing
     * @throws IOException if a file is not readable HDF5
     */
    static ResultData open(Path file) throws IOException {
        List<Population> pops = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        double end;
        try (ResultSet r = ResultSet.open(file)) {
            r.requireReportFiles();
            Map<String, Object> root = r.provenance();
            List<String> names = r.spikePopulations();
            double lastSpike = 0;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Map<String, Object> attrs = r.attributes(OutputLayout.populationParameters(name));
                long size = attrs.get("size") instanceof Number n ? n.longValue() : -1;
                String model = attrs.get("model") instanceof String s ? s : "?";
                if (size < 0 || !(root.get("model_time_reached_ms") instanceof Number)) {
                    SpikeData all = r.spikes(name);
                    long maxId = -1;
                    for (int k = 0; k < all.count(); k++) {
                        maxId = Math.max(maxId, all.nodeIds()[k]);
                        lastSpike = Math.max(lastSpike, all.timestampsMs()[k]);
                    }
                    size = size < 0 ? maxId + 1 : size;
                }
                pops.add(new Population(name, model, size, i));
            }
            end = root.get("model_time_reached_ms") instanceof Number n ? n.doubleValue()
                    : root.get("duration_ms") instanceof Number d ? d.doubleValue() : lastSpike + 1;
            for (String report : r.reports()) {
                String variable = r.variable(report);
                ReportMetadata m = r.reportMetadata(report);
                for (int c = 0; c < m.cols(); c++) {
                    sources.add(new Source(report, variable, m.population(), m.nodeIds()[c], c, m));
                }
            }
        }
        return new ResultData(file, List.copyOf(pops), 0, end, List.copyOf(sources));
    }

    Path file() {
        return file;
    }

    List<Population> populations() {
        return populations;
    }

    /**
     * The chosen populations in the order given (all of the file's if none are given).
     *
     * @throws PlotException naming the available populations if one is unknown, or if the file has none
     */
    List<Population> select(List<String> names) throws PlotException {
        if (populations.isEmpty()) {
            throw new PlotException("nothing to plot: " + file + " has no spike populations");
        }
        if (names.isEmpty()) {
            return populations;
        }
        List<Population> out = new ArrayList<>();
        for (String name : names) {
            Population p = populations.stream().filter(q -> q.name().equals(name)).findFirst()
                    .orElseThrow(() -> new PlotException("unknown population '" + name + "' in " + file
                            + " (available: " + availableNames() + ")"));
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private String availableNames() {
        return populations.stream().map(Population::name).collect(Collectors.joining(", "));
    }

    /** The window {@code [from, to)} in ms: the options', with open ends taken from the run's span. */
    double[] window(PlotOptions options) throws PlotException {
        double from = Double.isNaN(options.fromMs()) ? startMs : options.fromMs();
        double to = Double.isNaN(options.toMs()) ? endMs : options.toMs();
        if (!(from < to)) {
            throw new PlotException(String.format(Locale.ROOT,
                    "nothing to plot: the time window [%s, %s) ms is empty (the run spans [%s, %s) ms)",
                    fmt(from), fmt(to), fmt(startMs), fmt(endMs)));
        }
        return new double[] {from, to};
    }

    /** Spikes of a population with {@code from <= t < to}. */
    Spikes spikes(Population p, double fromMs, double toMs) throws IOException {
        try (ResultSet r = ResultSet.open(file)) {
            SpikeData d = r.spikes(p.name(), fromMs, toMs);
            return new Spikes(p, d.timestampsMs(), d.nodeIds());
        }
    }

    /**
     * Traces of the given variables for the chosen neurons of the chosen populations, over {@code
     * [from, to)}: for each neuron, one trace per variable, in the order of {@code variables}. Only
     * neurons recorded with every variable count. Without chosen neurons, the first {@value
     * PlotOptions#DEFAULT_NEURON_COUNT} such neurons are taken.
     *
     * @return per neuron, its traces (one per variable)
     * @throws PlotException if nothing is recorded, a chosen neuron is not, or the window holds no sample
     */
    List<List<Trace>> traces(List<String> variables, List<Population> pops, List<Long> neurons, double fromMs,
            double toMs) throws PlotException, IOException {
        String what = String.join(" and ", variables);
        Map<String, Map<String, Source>> byNeuron = new LinkedHashMap<>();
        for (Source s : sources) {
            if (variables.contains(s.variable()) && pops.stream().anyMatch(p -> p.name().equals(s.population()))) {
                byNeuron.computeIfAbsent(s.population() + "\u0000" + s.nodeId(), k -> new LinkedHashMap<>())
                        .putIfAbsent(s.variable(), s);
            }
        }
        byNeuron.values().removeIf(m -> !m.keySet().containsAll(variables));
        String popNames = pops.stream().map(Population::name).collect(Collectors.joining(", "));
        if (byNeuron.isEmpty()) {
            throw new PlotException("nothing to plot: no neuron of " + popNames + " in " + file + " was recorded with "
                    + what + " (record them with record.state in the config)");
        }
        List<Map<String, Source>> chosen = new ArrayList<>();
        if (neurons.isEmpty()) {
            byNeuron.values().stream().limit(PlotOptions.DEFAULT_NEURON_COUNT).forEach(chosen::add);
        } else {
            TreeSet<Long> missing = new TreeSet<>(neurons);
            for (Map<String, Source> m : byNeuron.values()) {
                long id = m.values().iterator().next().nodeId();
                if (neurons.contains(id)) {
                    chosen.add(m);
                    missing.remove(id);
                }
            }
            if (!missing.isEmpty()) {
                throw new PlotException("neuron(s) " + missing + " of " + popNames + " were not recorded with " + what
                        + " (recorded: " + recordedList(byNeuron) + ")");
            }
        }
        List<List<Trace>> out = new ArrayList<>();
        try (ResultSet r = ResultSet.open(file)) {
            for (Map<String, Source> m : chosen) {
                List<Trace> traces = new ArrayList<>();
                for (String v : variables) {
                    traces.add(read(r, m.get(v), fromMs, toMs));
                }
                out.add(traces);
            }
        }
        return out;
    }

    private static String recordedList(Map<String, Map<String, Source>> byNeuron) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        for (Map<String, Source> m : byNeuron.values()) {
            Source s = m.values().iterator().next();
            ids.computeIfAbsent(s.population(), k -> new ArrayList<>()).add(s.nodeId());
        }
        return ids.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream().map(String::valueOf)
                .collect(Collectors.joining(","))).collect(Collectors.joining("; "));
    }

    private static Trace read(ResultSet r, Source s, double fromMs, double toMs) throws PlotException, IOException {
        ReportMetadata m = s.metadata();
        int first = (int) Math.max(0, Math.ceil((fromMs - m.startMs()) / m.dtMs() - 1e-9));
        int end = (int) Math.min(m.rows(), Math.max(0, Math.ceil((toMs - m.startMs()) / m.dtMs() - 1e-9)));
        if (end <= first) {
            throw new PlotException(String.format(Locale.ROOT,
                    "nothing to plot: %s of %s was recorded over [%s, %s) ms, outside the window [%s, %s) ms",
                    s.variable(), s.population(), fmt(m.startMs()), fmt(m.stopMs()), fmt(fromMs), fmt(toMs)));
        }
        double[] values = r.reportSlice(s.report(), first, end - first, s.column(), 1);
        double[] t = new double[end - first];
        for (int i = 0; i < t.length; i++) {
            t[i] = m.timeMs(first + i);
        }
        return new Trace(s.population(), s.nodeId(), s.variable(), m.units(), t, values);
    }

    /** A number of ms without a needless ".0". */
    static String fmt(double ms) {
        return ms == Math.rint(ms) && Math.abs(ms) < 1e15 ? String.valueOf((long) ms) : String.valueOf(ms);
    }
}
