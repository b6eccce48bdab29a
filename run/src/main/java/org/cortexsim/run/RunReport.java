package org.cortexsim.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced: the status ({@code completed}, or why it stopped), steps and model time
 * reached, wall time of the loop, spikes and mean rate per population, and the files written.
 */
public record RunReport(String status, boolean completed, long stepsDone, long steps, double modelTimeMs,
        double loopSeconds, double setupSeconds, int threads, List<PopulationStats> populations, long synapses,
        long synapticEvents, Path output, List<Path> reportFiles) {

    /** Spikes and mean firing rate (Hz, over the model time reached) of one population. */
    public record PopulationStats(String name, String model, int size, long spikes, double rateHz) {
    }
}
