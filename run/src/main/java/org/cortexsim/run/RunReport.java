package org.cortexsim.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced: the status ({@code completed}, or why it stopped), steps and model time
 * reached, wall time of the loop (over every session of a resumed run), spikes and mean rate per
 * population, and the files written; {@code resumedFromMs} is the model time of the checkpoint
 * this run continued from (NaN when it started at 0), and {@code checkpoint} the checkpoint file
 * left beside the output (null when none is: a completed run deletes it unless asked to keep it).
 */
public record RunReport(String status, boolean completed, long stepsDone, long steps, double modelTimeMs,
        double loopSeconds, double setupSeconds, int threads, List<PopulationStats> populations, long synapses,
        long synapticEvents, Path output, List<Path> reportFiles, double resumedFromMs, Path checkpoint) {

    /** Spikes and mean firing rate (Hz, over the model time reached) of one population. */
    public record PopulationStats(String name, String model, int size, long spikes, double rateHz) {
    }

    /** Whether this run continued from a checkpoint. */
    public boolean resumed() {
        return !Double.isNaN(resumedFromMs);
    }
}
