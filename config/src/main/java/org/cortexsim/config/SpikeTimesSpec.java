package org.cortexsim.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The given spike times of a spike source population ({@code model: spike_source}), key
 * {@code spike_times_ms}: a list of lists of times in ms, one list per neuron; a CSV file with
 * a header, read from two named columns ({@code {type: file, path, columns: [node_id, time_ms]}});
 * or the spikes of one population of a SONATA spikes file ({@code {type: sonata, path,
 * population}}), e.g. a recorded run replayed. A time t becomes sample {@code round(t / dt)}.
 *
 * <p>Invariants of {@link Listed}: every time is finite, {@code >= 0}, before the end of the run
 * and on a later sample than the neuron's previous time (checked when the config is read). The
 * file forms are checked the same way when the files are read (at build time).
 */
public sealed interface SpikeTimesSpec permits SpikeTimesSpec.Listed, SpikeTimesSpec.CsvFile,
        SpikeTimesSpec.SonataFile {

    /** Where the spike times are given. */
    Location location();

    /** Times in ms, one list per neuron (node id = list index). */
    record Listed(List<double[]> timesMs, Location location) implements SpikeTimesSpec {
        public Listed {
            timesMs = timesMs.stream().map(double[]::clone).toList();
            Objects.requireNonNull(location, "location");
        }
    }

    /** A CSV file with a header; {@code idColumn} holds node ids, {@code timeColumn} times in ms. */
    record CsvFile(Path path, String idColumn, String timeColumn, Location location) implements SpikeTimesSpec {
        public CsvFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(idColumn, "idColumn");
            Objects.requireNonNull(timeColumn, "timeColumn");
            Objects.requireNonNull(location, "location");
        }
    }

    /** The spikes of {@code population} in a SONATA spikes file (HDF5). */
    record SonataFile(Path path, String population, Location location) implements SpikeTimesSpec {
        public SonataFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(location, "location");
        }
    }
}
