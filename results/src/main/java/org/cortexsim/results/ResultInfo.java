package org.cortexsim.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A summary of a result file for people: per population its size, spike count, mean rate and
 * the coefficient of variation of inter-spike intervals (pooled over neurons with at least
 * three spikes); the reports beside it (for a segmented report, {@code file} is its first
 * segment, {@code files} the number of its segments, and the rows and window cover all
 * segments); and the provenance attributes.
 */
public record ResultInfo(Path file, Map<String, Object> provenance, List<PopulationInfo> populations,
        List<ReportInfo> reports) {

    /** One population's activity; {@code size} is -1 when the file does not say. */
    public record PopulationInfo(String name, String model, long size, int spikes, double rateHz, double cvIsi) {
    }

    /**
     * One report: its (first) file, the number of files holding it, variable, population (or
     * projection), units, columns ({@code neurons}: neurons, or synapses when {@code synapses}) and rows.
     */
    public record ReportInfo(Path file, int files, String population, String variable, String units, int neurons,
            int rows, double startMs, double stopMs, double intervalMs, boolean synapses) {
    }

    /**
     * Reads the summary of the result whose main file is {@code file}, segmented or not.
     *
     * @throws UnreadableFileException if a file of the result is not HDF5, damaged or truncated
     */
    public static ResultInfo read(Path file) throws IOException {
        try {
            return readFrom(file);
        } catch (RuntimeException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    private static ResultInfo readFrom(Path file) throws IOException {
        try (ResultSet r = ResultSet.open(file)) {
            Map<String, Object> prov = r.provenance();
            double modelMs = prov.get("model_time_reached_ms") instanceof Number n ? n.doubleValue() : Double.NaN;
            List<PopulationInfo> pops = new ArrayList<>();
            for (String pop : r.spikePopulations()) {
                Map<String, Object> attrs = r.attributes(OutputLayout.populationParameters(pop));
                long size = attrs.get("size") instanceof Number n ? n.longValue() : -1;
                String model = attrs.get("model") instanceof String s ? s : "?";
                SpikeData spikes = r.spikes(pop);
                double rate = size > 0 && modelMs > 0 ? spikes.count() / (size * modelMs / 1000.0) : Double.NaN;
                pops.add(new PopulationInfo(pop, model, size, spikes.count(), rate, cvIsi(spikes)));
            }
            List<ReportInfo> reports = new ArrayList<>();
            for (Path p : r.missingReportFiles()) {
                reports.add(new ReportInfo(p, 1, "(missing or unreadable)", "?", "?", 0, 0, 0, 0, 0, false));
            }
            for (String report : r.reports()) {
                ReportMetadata m = r.reportMetadata(report);
                List<Path> files = r.reportFiles(report);
                reports.add(new ReportInfo(files.get(0), files.size(), m.population(), r.variable(report), m.units(),
                        m.cols(), m.rows(), m.startMs(), m.stopMs(), m.dtMs(), r.reportOfSynapses(report)));
            }
            return new ResultInfo(file, prov, pops, reports);
        }
    }

    /** CV of inter-spike intervals pooled over neurons with >= 3 spikes; NaN if none. */
    static double cvIsi(SpikeData spikes) {
        Map<Long, List<Double>> byNeuron = new java.util.HashMap<>();
        for (int i = 0; i < spikes.count(); i++) {
            byNeuron.computeIfAbsent(spikes.nodeIds()[i], k -> new ArrayList<>()).add(spikes.timestampsMs()[i]);
        }
        double sumCv = 0;
        int n = 0;
        for (List<Double> t : byNeuron.values()) {
            if (t.size() < 3) {
                continue;
            }
            t.sort(null);
            double mean = 0;
            double sq = 0;
            int k = t.size() - 1;
            for (int i = 1; i < t.size(); i++) {
                double isi = t.get(i) - t.get(i - 1);
                mean += isi;
                sq += isi * isi;
            }
            mean /= k;
            double var = sq / k - mean * mean;
            sumCv += Math.sqrt(Math.max(0, var)) / mean;
            n++;
        }
        return n == 0 ? Double.NaN : sumCv / n;
    }
}
