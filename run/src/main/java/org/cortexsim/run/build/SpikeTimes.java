package org.cortexsim.run.build;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.config.SpikeTimesSpec;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SpikeData;

/**
 * Turns the given spike times of a spike source population into its {@link SpikeSchedule}: a
 * time t (ms) becomes sample {@code round(t / dt)}. Reads the file forms: CSV with a header (the
 * two named columns, node id and time in ms, rows in any order across neurons but each neuron's
 * times ascending), or the spikes of one population of a SONATA spikes file (a cortexsim result,
 * segmented or not, or any SONATA spikes file; each neuron's times are taken in time order).
 * Refuses, naming the neuron and the time: negative times, times at or after the end of the run
 * (samples {@code >= steps}), a neuron's times out of order or two on one sample, node ids
 * outside the population.
 */
final class SpikeTimes {
    private SpikeTimes() {
    }

    static SpikeSchedule schedule(SpikeTimesSpec spec, String population, int size, TimeGrid grid, long steps)
            throws ConfigException {
        List<List<Double>> perNeuron = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            perNeuron.add(new ArrayList<>());
        }
        String source;
        boolean sortEach = false;
        if (spec instanceof SpikeTimesSpec.Listed l) {
            source = "";
            for (int i = 0; i < l.timesMs().size(); i++) {
                for (double t : l.timesMs().get(i)) {
                    perNeuron.get(i).add(t);
                }
            }
        } else if (spec instanceof SpikeTimesSpec.CsvFile c) {
            source = " in " + c.path().getFileName();
            readCsv(c, population, size, perNeuron);
        } else {
            SpikeTimesSpec.SonataFile f = (SpikeTimesSpec.SonataFile) spec;
            source = " in " + f.path().getFileName();
            readSonata(f, population, size, perNeuron);
            sortEach = true;
        }
        long[][] samples = new long[size][];
        for (int i = 0; i < size; i++) {
            List<Double> times = perNeuron.get(i);
            double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
            if (sortEach) {
                Arrays.sort(t);
            }
            samples[i] = new long[t.length];
            for (int k = 0; k < t.length; k++) {
                String who = "population '" + population + "': neuron " + i + source + ": spike time " + t[k] + " ms";
                if (!Double.isFinite(t[k]) || t[k] < 0) {
                    throw new ConfigException(spec.location(), who + " is negative or not a number; times start at 0 ms");
                }
                long n = grid.roundedSteps(t[k]);
                if (n >= steps) {
                    throw new ConfigException(spec.location(), who + " is not within the run (the last sample with"
                            + " spikes is " + grid.label(steps - 1) + " ms); drop it or lengthen duration_ms");
                }
                if (k > 0 && n <= samples[i][k - 1]) {
                    throw new ConfigException(spec.location(), who + (t[k] < t[k - 1]
                            ? " comes after " + t[k - 1] + " ms; sort each neuron's times"
                            : " falls on the same sample (" + n + ") as " + t[k - 1]
                                    + " ms; a neuron spikes at most once per step of " + grid.dtMs() + " ms"));
                }
                samples[i][k] = n;
            }
        }
        return SpikeSchedule.of(samples);
    }

    private static void readCsv(SpikeTimesSpec.CsvFile c, String population, int size, List<List<Double>> out)
            throws ConfigException {
        List<String> lines = ValueSources.readLines(c.path(), c.location());
        if (lines.isEmpty()) {
            throw new ConfigException(c.location(), c.path() + " is empty; expected a header naming the columns "
                    + c.idColumn() + " and " + c.timeColumn());
        }
        String[] header = lines.get(0).split(",", -1);
        int id = -1;
        int time = -1;
        for (int k = 0; k < header.length; k++) {
            if (header[k].trim().equals(c.idColumn())) {
                id = k;
            }
            if (header[k].trim().equals(c.timeColumn())) {
                time = k;
            }
        }
        if (id < 0 || time < 0) {
            throw new ConfigException(c.location(), c.path() + ": the header '" + lines.get(0) + "' has no column '"
                    + (id < 0 ? c.idColumn() : c.timeColumn()) + "'; name the columns in 'columns'");
        }
        for (int r = 1; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = c.path().getFileName() + " line " + (r + 1);
            if (cells.length <= Math.max(id, time)) {
                throw new ConfigException(c.location(), where + ": expected " + header.length + " columns, got '"
                        + line + "'");
            }
            long node;
            double t;
            try {
                node = Long.parseLong(cells[id].trim());
                t = Double.parseDouble(cells[time].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(c.location(), where + ": expected an integer node id and a time in ms, got '"
                        + line + "'");
            }
            if (node < 0 || node >= size) {
                throw new ConfigException(c.location(), where + ": node id " + node + " is not in population '"
                        + population + "' of " + size + " neurons (ids 0.." + (size - 1) + ")");
            }
            out.get((int) node).add(t);
        }
    }

    private static void readSonata(SpikeTimesSpec.SonataFile f, String population, int size, List<List<Double>> out)
            throws ConfigException {
        Location at = f.location();
        try (ResultSet rs = ResultSet.open(f.path())) {
            if (!rs.spikePopulations().contains(f.population())) {
                throw new ConfigException(at, f.path().getFileName() + " has no spikes of population '" + f.population()
                        + "'; it has: " + String.join(", ", rs.spikePopulations()));
            }
            SpikeData d = rs.spikes(f.population());
            for (int k = 0; k < d.nodeIds().length; k++) {
                long node = d.nodeIds()[k];
                if (node < 0 || node >= size) {
                    throw new ConfigException(at, f.path().getFileName() + ": node id " + node + " of population '"
                            + f.population() + "' is not in population '" + population + "' of " + size
                            + " neurons; give the spike source at least " + (node + 1) + " neurons");
                }
                out.get((int) node).add(d.timestampsMs()[k]);
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(at, "cannot read the spikes of " + f.path() + ": " + e.getMessage());
        }
    }
}
